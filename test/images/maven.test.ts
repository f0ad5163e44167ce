import { profileCases } from './profile-cases';

profileCases('maven', [
  {
    image: 'maven',
    id: 'maven',
    imageUser: 'root 0:0',
    stepsDownTo: null,
    runAs: null,
    needsRoot: false,
    accounts: [],
    capsAsImageUser: [],
    capsAsRunAsUser: [],
    runtimePaths: [],
    statePaths: [],
    publicPorts: [],
  },
  { image: 'maven:3.9-eclipse-temurin-21', id: 'maven', imageUser: 'root 0:0', accounts: [] },
  { image: 'maven:3-eclipse-temurin-17-alpine', id: 'maven', imageUser: 'root 0:0', accounts: [] },
  { image: 'maven:3.9.16-amazoncorretto-21-debian', id: 'maven', imageUser: 'root 0:0', accounts: [] },
  { image: 'docker.io/library/maven:3.9', id: 'maven', imageUser: 'root 0:0' },
  { image: 'mirror.gcr.io/maven:latest', id: 'maven', accounts: [] },
  { image: 'ghcr.io/someone/maven:3', id: null },
  { image: 'bitnami/maven', id: null },
]);
