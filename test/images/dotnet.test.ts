import { profileCases } from './profile-cases';

profileCases('dotnet', [
  {
    image: 'mcr.microsoft.com/dotnet/sdk:10.0',
    id: 'dotnet',
    imageUser: 'root 0:0',
    stepsDownTo: null,
    runAs: null,
    needsRoot: false,
    accounts: ['app 1654:1654'],
    capsAsImageUser: [],
    capsAsRunAsUser: [],
    runtimePaths: [],
    statePaths: [],
    publicPorts: [],
  },
  { image: 'mcr.microsoft.com/dotnet/aspnet', id: 'dotnet', imageUser: 'root 0:0', accounts: ['app 1654:1654'] },
  {
    image: 'mcr.microsoft.com/dotnet/aspnet:8.0-alpine',
    id: 'dotnet',
    imageUser: 'root 0:0',
    accounts: ['app 1654:1654'],
  },
  {
    image: 'mcr.microsoft.com/dotnet/runtime:9.0.6-bookworm-slim',
    id: 'dotnet',
    imageUser: 'root 0:0',
    accounts: ['app 1654:1654'],
  },
  {
    image: 'mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled',
    id: 'dotnet',
    imageUser: 'app 1654:1654',
    accounts: ['app 1654:1654'],
  },
  {
    image: 'mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled-extra',
    id: 'dotnet',
    imageUser: 'app 1654:1654',
    accounts: ['app 1654:1654'],
  },
  {
    image: 'mcr.microsoft.com/dotnet/aspnet:9.0-azurelinux3.0-distroless',
    id: 'dotnet',
    imageUser: 'app 1654:1654',
    accounts: ['app 1654:1654'],
  },
  { image: 'mcr.microsoft.com/dotnet/aspnet:6.0', id: 'dotnet', imageUser: 'root 0:0', accounts: [] },
  {
    image: 'mcr.microsoft.com/dotnet/runtime:6.0-jammy-chiseled',
    id: 'dotnet',
    imageUser: 'app 1654:1654',
    accounts: ['app 1654:1654'],
  },
  {
    image: 'mcr.microsoft.com/dotnet/aspnet:7.0-cbl-mariner2.0-distroless',
    id: 'dotnet',
    imageUser: 'app 101:101',
    accounts: ['app 101:101'],
  },
  { image: 'mcr.microsoft.com/dotnet/monitor:8', id: null },
  { image: 'dotnet/sdk:8.0', id: null },
]);
