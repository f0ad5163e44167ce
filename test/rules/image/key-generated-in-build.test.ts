import rule from '../../../shared/src/rules/image/key-generated-in-build';
import { runRuleTests } from '../../rule-tester';

runRuleTests(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y openssh-server\n',
    {
      name: 'modes that generate no private key',
      code:
        'FROM debian:12\nRUN ssh-keygen -l -f /etc/ssh/ssh_host_rsa_key.pub && ssh-keygen -y -f k > k.pub && ssh-keygen -R host\n' +
        'RUN openssl req -new -key /k.pem -out /r.csr -subj /CN=x && openssl dhparam -out /dh.pem 2048\n' +
        'RUN openssl x509 -in c.pem -noout -text && gpg --import key.asc && wg pubkey < k\n',
    },
    {
      name: 'a key generated in a build-only stage',
      code: 'FROM debian:12 AS sign\nRUN openssl genrsa -out /k.pem 4096 && ./sign.sh /k.pem /pkg\nFROM debian:12\nCOPY --from=sign /pkg /pkg\n',
    },
    {
      name: 'a key removed in the same RUN',
      code:
        'FROM debian:12\nRUN ssh-keygen -t ed25519 -N "" -f /tmp/k && ./use.sh /tmp/k && rm -f /tmp/k /tmp/k.pub\n' +
        'RUN ssh-keygen -A && ./check.sh && rm /etc/ssh/ssh_host_*\n',
    },
    { name: 'text that mentions a command', code: 'FROM debian:12\nRUN echo "run ssh-keygen -A on start"\n' },
  ],
  invalid: [
    {
      name: 'SSH host keys',
      code: 'FROM debian:12\nRUN apt-get install -y openssh-server && ssh-keygen -A\n',
      findings: [{ messageId: 'hostKeys', range: '2:42-2:55' }],
    },
    {
      name: 'a user key with ssh-keygen',
      code: "FROM debian:12\nRUN ssh-keygen -t rsa -b 4096 -N '' -f /root/.ssh/id_rsa\n",
      findings: [{ messageId: 'privateKey', range: '2:5-2:57' }],
    },
    {
      name: 'a self-signed certificate across continuation lines',
      code: 'FROM nginx:1.27\nRUN openssl req -x509 -nodes -newkey rsa:2048 \\\n    -keyout /etc/nginx/k.pem -out /etc/nginx/c.pem -subj /CN=x\n',
      findings: [{ messageId: 'privateKey', range: '2:5-2:16' }],
    },
    {
      name: 'openssl genrsa, genpkey, ecparam -genkey and req -x509 without -key',
      code:
        'FROM alpine:3.20\nRUN openssl genrsa -out /k.pem 2048 && openssl genpkey -algorithm ed25519 -out /e.pem\n' +
        'RUN openssl ecparam -name prime256v1 -genkey -out /ec.pem && openssl req -x509 -days 1 -subj /CN=x -out /c.pem\n',
      findings: [
        { messageId: 'privateKey', range: '2:5-2:19' },
        { messageId: 'privateKey', range: '2:40-2:55' },
        { messageId: 'privateKey', range: '3:5-3:20' },
        { messageId: 'privateKey', range: '3:62-3:73' },
      ],
    },
    {
      name: 'gpg and WireGuard',
      code: 'FROM debian:12\nRUN gpg --batch --quick-gen-key ci@example.com && wg genkey > /etc/wireguard/private.key\n',
      findings: [
        { messageId: 'privateKey', range: '2:5-2:32' },
        { messageId: 'privateKey', range: '2:51-2:60' },
      ],
    },
    {
      name: 'in a stage the final one builds on, and in an ONBUILD trigger',
      code: 'FROM debian:12 AS base\nRUN ssh-keygen -A\nFROM base\nONBUILD RUN openssl genrsa -out /k.pem\n',
      findings: [
        { messageId: 'hostKeys', range: '2:5-2:18' },
        { messageId: 'privateKey', range: '4:13-4:27' },
      ],
    },
  ],
});
