import { profileCases } from './profile-cases';

const PORTS = ['53/tcp', '53/udp', '67/udp', '80/tcp', '443/tcp', '123/udp'];

profileCases('pihole', [
  {
    image: 'pihole/pihole',
    id: 'pihole',
    imageUser: 'root 0:0',
    stepsDownTo: 'pihole 1000:1000',
    runAs: null,
    needsRoot: true,
    capsAsImageUser: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'KILL', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETUID'],
    capsAsRunAsUser: [],
    runtimePaths: ['/run', '/var/log/pihole'],
    statePaths: ['/etc/pihole'],
    publicPorts: PORTS,
    readOnlyUnsupported: true,
    noNewPrivilegesUnsupported: true,
  },
  { image: 'pihole/pihole:latest', id: 'pihole', needsRoot: true, publicPorts: PORTS },
  { image: 'pihole/pihole:2025.08.0', id: 'pihole', stepsDownTo: 'pihole 1000:1000', statePaths: ['/etc/pihole'] },
  { image: 'docker.io/pihole/pihole:nightly', id: 'pihole', readOnlyUnsupported: true },
  { image: 'ghcr.io/pi-hole/pihole:2025.08.0', id: 'pihole', noNewPrivilegesUnsupported: true },
  { image: 'mirror.gcr.io/pihole/pihole', id: 'pihole' },
  { image: 'pihole/ftl', id: null },
  { image: 'ghcr.io/pi-hole/ftl-build', id: null },
]);
