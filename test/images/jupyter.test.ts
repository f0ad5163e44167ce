import { profileCases } from './profile-cases';

profileCases('jupyter', [
  {
    image: 'quay.io/jupyter/base-notebook',
    id: 'jupyter',
    imageUser: 'jovyan 1000:100',
    stepsDownTo: null,
    runAs: '1000:100',
    needsRoot: false,
    accounts: ['jovyan 1000:100'],
    capsAsImageUser: [],
    capsAsRunAsUser: [],
    runtimePaths: [],
    statePaths: [],
    publicPorts: [],
  },
  {
    image: 'quay.io/jupyter/scipy-notebook:2025-06-02',
    id: 'jupyter',
    imageUser: 'jovyan 1000:100',
    accounts: ['jovyan 1000:100'],
  },
  { image: 'quay.io/jupyter/pytorch-notebook:cuda12-python-3.12', id: 'jupyter', imageUser: 'jovyan 1000:100' },
  { image: 'jupyter/datascience-notebook:latest', id: 'jupyter', imageUser: 'jovyan 1000:100', runAs: '1000:100' },
  { image: 'docker.io/jupyter/minimal-notebook:python-3.11', id: 'jupyter', imageUser: 'jovyan 1000:100' },
  { image: 'quay.io/jupyter/julia-notebook', id: 'jupyter', imageUser: 'jovyan 1000:100' },
  { image: 'jupyterhub/jupyterhub:5', id: null },
  { image: 'quay.io/jupyterhub/singleuser', id: null },
]);
