import { profileCases } from './profile-cases';

profileCases('openjdk', [
  {
    image: 'openjdk',
    id: 'openjdk',
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
  { image: 'openjdk:28-ea-slim', id: 'openjdk', imageUser: 'root 0:0', accounts: [] },
  { image: 'openjdk:27-rc-jdk-oraclelinux10', id: 'openjdk', imageUser: 'root 0:0', accounts: [] },
  { image: 'openjdk:17', id: 'openjdk', accounts: [] },
  { image: 'docker.io/library/openjdk:28-ea-trixie', id: 'openjdk', accounts: [] },
  { image: 'mirror.gcr.io/openjdk:21-jdk-slim', id: 'openjdk', accounts: [] },
  { image: 'eclipse-temurin:21', id: null },
  { image: 'bitnami/java:21', id: null },
]);
