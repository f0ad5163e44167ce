import { profileCases } from './profile-cases';

profileCases('busybox', [
  {
    image: 'busybox',
    id: 'busybox',
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
  { image: 'busybox:1.36', id: 'busybox', imageUser: 'root 0:0', accounts: [] },
  { image: 'busybox:1.38.0-musl', id: 'busybox', imageUser: 'root 0:0', accounts: [] },
  { image: 'busybox:uclibc', id: 'busybox', accounts: [] },
  { image: 'docker.io/library/busybox:stable-glibc', id: 'busybox', accounts: [] },
  { image: 'mirror.gcr.io/busybox', id: 'busybox', accounts: [] },
  { image: 'radial/busyboxplus:curl', id: null },
]);
