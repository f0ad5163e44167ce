import rule from '../../../shared/src/rules/container/unsafe-sysctl';
import { runRuleTests } from '../../rule-tester';

runRuleTests(rule, {
  valid: [
    'services:\n  app:\n    image: alpine:3.20\n',
    {
      name: 'the Kubernetes safe set, both forms',
      code: 'services:\n  a:\n    image: alpine\n    sysctls:\n      net.ipv4.ip_unprivileged_port_start: 0\n      kernel.shm_rmid_forced: 1\n  b:\n    image: alpine\n    sysctls:\n      - net.ipv4.ip_local_port_range=1024 64999\n      - net.ipv4.tcp_keepalive_time=600\n',
    },
    {
      name: 'values that harden the network stack, forwarding off',
      code: 'services:\n  a:\n    image: alpine\n    sysctls:\n      - net.ipv4.conf.all.accept_redirects=0\n      - net.ipv4.conf.all.send_redirects=0\n      - net.ipv4.conf.default.rp_filter=1\n      - net.ipv6.conf.all.disable_ipv6=1\n      - net.ipv4.ip_forward=0\n',
    },
    {
      name: 'tuning the listen queues, routing by mark',
      code: 'services:\n  a:\n    image: alpine\n    sysctls:\n      - net.core.somaxconn=65535\n      - net.ipv4.conf.all.src_valid_mark=1\n',
    },
    { name: 'an empty mapping', code: 'services:\n  a:\n    image: alpine\n    sysctls: {}\n' },
  ],
  invalid: [
    {
      name: 'host-wide parameters, list and mapping forms',
      code: 'services:\n  es:\n    image: elasticsearch:8.15.0\n    sysctls:\n      - vm.max_map_count=262144\n  b:\n    image: alpine\n    sysctls:\n      kernel.randomize_va_space: 0\n',
      findings: [
        { messageId: 'hostKernel', range: '5:9-5:32' },
        { messageId: 'hostKernel', range: '9:7-9:35' },
      ],
    },
    {
      name: 'a network parameter on the host network, an IPC one in the host IPC namespace',
      code: 'services:\n  a:\n    image: alpine\n    network_mode: host\n    ipc: host\n    sysctls:\n      net.core.somaxconn: 1024\n      kernel.shmmax: 68719476736\n',
      findings: [
        { messageId: 'hostNamespace', range: '7:7-7:31' },
        { messageId: 'hostNamespace', range: '8:7-8:33' },
      ],
    },
    {
      name: 'route_localnet, forwarding, and an unlisted parameter',
      code: 'services:\n  vpn:\n    image: alpine\n    sysctls:\n      - net.ipv4.conf.eth0.route_localnet=1\n      - "net.ipv4.ip_forward=1"\n      - net.ipv6.conf.all.forwarding=1\n      - net.ipv4.tcp_rmem=4096 87380 16777216\n',
      findings: [
        { messageId: 'routeLocalnet', range: '5:9-5:44' },
        { messageId: 'forwarding', range: '6:9-6:32', severity: 'info' },
        { messageId: 'forwarding', range: '7:9-7:39', severity: 'info' },
        { messageId: 'unlisted', range: '8:9-8:46', severity: 'info' },
      ],
    },
    {
      name: 'a value behind an unset variable is judged by the name; a default is read',
      code: 'services:\n  a:\n    image: alpine\n    sysctls:\n      net.ipv4.ip_forward: ${FORWARD}\n      net.ipv4.conf.all.route_localnet: ${LOCALNET:-1}\n      net.ipv4.tcp_syncookies: ${COOKIES}\n',
      findings: [
        { messageId: 'unlisted', range: '5:7-5:38', severity: 'info' },
        { messageId: 'routeLocalnet', range: '6:7-6:55' },
      ],
    },
    {
      name: 'from an anchor, and from a service it extends',
      code: 'x-tuned: &tuned\n  sysctls:\n    vm.swappiness: 10\nservices:\n  base:\n    image: alpine\n    sysctls: ["fs.file-max=100000"]\n  a:\n    <<: *tuned\n    image: alpine\n  b:\n    extends: base\n',
      findings: [
        { messageId: 'hostKernel', range: '7:15-7:35' },
        { messageId: 'hostKernel', range: '9:9-9:15', related: ['@3:5-3:22'] },
        { messageId: 'hostKernel', range: '12:14-12:18', related: ['@7:15-7:35'] },
      ],
    },
  ],
});
