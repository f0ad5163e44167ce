import { profileCases } from './profile-cases';

profileCases('apache-tika', [
  {
    image: 'apache/tika',
    id: 'apache-tika',
    imageUser: '35002 35002:35002',
    stepsDownTo: null,
    runAs: '35002:35002',
    accounts: [],
    needsRoot: false,
    capsAsImageUser: [],
    capsAsRunAsUser: [],
    runtimePaths: [],
    statePaths: [],
    publicPorts: [],
  },
  { image: 'apache/tika:3.2.3.0', id: 'apache-tika', imageUser: '35002 35002:35002', runAs: '35002:35002' },
  {
    image: 'apache/tika:3.2.3.0-full',
    id: 'apache-tika',
    imageUser: '35002 35002:35002',
    runAs: '35002:35002',
    capsAsImageUser: [],
  },
  { image: 'docker.io/apache/tika:latest-full', id: 'apache-tika', runAs: '35002:35002' },
  { image: 'mirror.gcr.io/apache/tika:latest', id: 'apache-tika', statePaths: [] },
  { image: 'logicalspark/docker-tikaserver', id: null },
  { image: 'apache/solr', id: null },
]);
