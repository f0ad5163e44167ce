import { profileCases } from './profile-cases';

profileCases('eclipse-temurin', [
  {
    image: 'eclipse-temurin',
    id: 'eclipse-temurin',
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
  { image: 'eclipse-temurin:21-jre-alpine', id: 'eclipse-temurin', imageUser: 'root 0:0', accounts: [] },
  { image: 'eclipse-temurin:17-jdk-ubi9-minimal', id: 'eclipse-temurin', imageUser: 'root 0:0', accounts: [] },
  { image: 'eclipse-temurin:25.0.4_7-jdk-noble', id: 'eclipse-temurin', accounts: [] },
  { image: 'docker.io/library/eclipse-temurin:21-jre', id: 'eclipse-temurin', accounts: [] },
  { image: 'mirror.gcr.io/eclipse-temurin:11', id: 'eclipse-temurin', accounts: [] },
  { image: 'openjdk:21', id: null },
  { image: 'amazoncorretto:21', id: null },
]);
