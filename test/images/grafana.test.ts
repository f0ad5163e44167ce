import { profileCases } from './profile-cases';

profileCases('grafana', [
  {
    image: 'grafana/grafana',
    id: 'grafana',
    imageUser: 'grafana 472:0',
    stepsDownTo: null,
    runAs: '472:0',
    accounts: ['grafana 472:0'],
    needsRoot: false,
    capsAsImageUser: [],
    capsAsRunAsUser: [],
    runtimePaths: [],
    statePaths: ['/var/lib/grafana'],
    publicPorts: ['3000/tcp'],
    readOnlyUnsupported: false,
    noNewPrivilegesUnsupported: false,
  },
  { image: 'grafana/grafana-oss:11.6.0', id: 'grafana', imageUser: 'grafana 472:0', runAs: '472:0' },
  {
    image: 'grafana/grafana-enterprise:12.0.2-ubuntu',
    id: 'grafana',
    imageUser: 'grafana 472:0',
    statePaths: ['/var/lib/grafana'],
  },
  { image: 'docker.io/grafana/grafana:latest', id: 'grafana', publicPorts: ['3000/tcp'] },
  { image: 'mirror.gcr.io/grafana/grafana-oss', id: 'grafana', capsAsImageUser: [] },
  { image: 'grafana/loki', id: null },
  { image: 'bitnami/grafana', id: null },
]);
