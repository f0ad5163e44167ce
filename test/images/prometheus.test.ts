import { profileCases } from './profile-cases';

profileCases('prometheus', [
  {
    image: 'prom/prometheus',
    id: 'prometheus',
    imageUser: 'nobody 65534:65534',
    stepsDownTo: null,
    runAs: '65534:65534',
    accounts: ['nobody 65534:65534'],
    needsRoot: false,
    capsAsImageUser: [],
    capsAsRunAsUser: [],
    runtimePaths: [],
    statePaths: ['/prometheus'],
    publicPorts: [],
  },
  { image: 'prom/prometheus:v3.5.0', id: 'prometheus', imageUser: 'nobody 65534:65534', statePaths: ['/prometheus'] },
  { image: 'quay.io/prometheus/prometheus:latest-busybox', id: 'prometheus', runAs: '65534:65534' },
  { image: 'docker.io/prom/prometheus:latest', id: 'prometheus', runAs: '65534:65534' },
  {
    image: 'prom/prometheus:v3.10.0-distroless',
    id: 'prometheus',
    imageUser: 'nonroot 65532:65532',
    runAs: '65532:65532',
    accounts: [],
    statePaths: ['/prometheus'],
  },
  { image: 'quay.io/prometheus/prometheus:latest-distroless', id: 'prometheus', runAs: '65532:65532' },
  { image: 'prom/alertmanager', id: null },
  { image: 'bitnami/prometheus', id: null },
]);
