import { profileCases } from './profile-cases';

profileCases('php', [
  {
    image: 'php',
    id: 'php',
    imageUser: 'root 0:0',
    stepsDownTo: null,
    runAs: null,
    needsRoot: false,
    accounts: ['www-data 33:33'],
    capsAsImageUser: [],
    capsAsRunAsUser: [],
    runtimePaths: [],
    statePaths: [],
    publicPorts: [],
  },
  { image: 'php:8.3-apache', id: 'php', imageUser: 'root 0:0', accounts: ['www-data 33:33'] },
  { image: 'php:8.4-fpm-bookworm', id: 'php', accounts: ['www-data 33:33'] },
  { image: 'php:8.2-fpm-alpine3.24', id: 'php', imageUser: 'root 0:0', accounts: ['www-data 82:82'] },
  { image: 'php:alpine', id: 'php', accounts: ['www-data 82:82'] },
  { image: 'docker.io/library/php:8.5-cli', id: 'php', accounts: ['www-data 33:33'] },
  { image: 'mirror.gcr.io/php:8-zts-alpine', id: 'php', accounts: ['www-data 82:82'] },
  { image: 'bitnami/php-fpm:8.2', id: null },
  { image: 'wordpress:php8.3-apache', id: null },
]);
