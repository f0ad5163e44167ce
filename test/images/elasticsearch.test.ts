import { profileCases } from './profile-cases';

const PATHS = {
  statePaths: ['/usr/share/elasticsearch/data', '/usr/share/elasticsearch/config'],
  runtimePaths: ['/usr/share/elasticsearch/logs', '/tmp'],
};

profileCases('elasticsearch', [
  {
    image: 'elasticsearch:9.2.4',
    id: 'elasticsearch',
    imageUser: 'elasticsearch 1000:0',
    stepsDownTo: null,
    runAs: '1000:0',
    accounts: ['elasticsearch 1000:1000'],
    needsRoot: false,
    capsAsImageUser: [],
    capsAsRunAsUser: [],
    ...PATHS,
    publicPorts: [],
    minMemoryBytes: null,
  },
  {
    image: 'docker.elastic.co/elasticsearch/elasticsearch:8.19.10',
    id: 'elasticsearch',
    imageUser: 'elasticsearch 1000:0',
    capsAsImageUser: [],
    ...PATHS,
  },
  { image: 'docker.io/library/elasticsearch:8.11.2', id: 'elasticsearch', runAs: '1000:0' },
  { image: 'elasticsearch', id: 'elasticsearch', imageUser: 'elasticsearch 1000:0', stepsDownTo: null },
  {
    image: 'elasticsearch:7.17.29',
    id: 'elasticsearch',
    imageUser: 'root 0:0',
    stepsDownTo: 'elasticsearch 1000:0',
    runAs: '1000:0',
    capsAsImageUser: ['SETGID', 'SETUID', 'SYS_CHROOT'],
    capsAsRunAsUser: [],
    ...PATHS,
  },
  { image: 'docker.elastic.co/elasticsearch/elasticsearch:7.10.2', id: 'elasticsearch', imageUser: 'root 0:0' },
  { image: 'mirror.gcr.io/elasticsearch:9.1.0', id: 'elasticsearch', imageUser: 'elasticsearch 1000:0' },
  { image: 'bitnami/elasticsearch:8', id: null },
  { image: 'docker.elastic.co/kibana/kibana:9.2.4', id: null },
]);
