import { profileCases } from './profile-cases';

profileCases('httpd', [
  {
    image: 'httpd',
    id: 'httpd',
    imageUser: 'root 0:0',
    stepsDownTo: null,
    runAs: null,
    needsRoot: true,
    capsAsImageUser: ['NET_BIND_SERVICE', 'SETGID', 'SETUID'],
    capsAsRunAsUser: [],
    runtimePaths: ['/usr/local/apache2/logs'],
    statePaths: [],
    publicPorts: ['80/tcp', '443/tcp'],
    nonRootVariant: null,
  },
  { image: 'httpd:2.4-alpine', id: 'httpd', needsRoot: true, runtimePaths: ['/usr/local/apache2/logs'] },
  { image: 'httpd:2.4.65-trixie', id: 'httpd', capsAsImageUser: ['NET_BIND_SERVICE', 'SETGID', 'SETUID'] },
  { image: 'docker.io/library/httpd:2.4', id: 'httpd', publicPorts: ['80/tcp', '443/tcp'] },
  { image: 'mirror.gcr.io/httpd:alpine', id: 'httpd', needsRoot: true },
  { image: 'bitnami/apache:2.4', id: null },
  { image: 'ubuntu/apache2:2.4-22.04_beta', id: null },
]);
