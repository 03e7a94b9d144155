// `npm run --silent nats:deploy-auth -- <node>…`: prints the NATS authentication objects of a
// Kubernetes install (new random passwords) as YAML for `kubectl apply -f -`. See deploy/README.md.
import { randomBytes } from 'node:crypto';
import { stringify } from 'yaml';
import { natsDeployObjects } from './nats-deploy-auth';

const nodes = process.argv.slice(2);
if (nodes.length === 0) {
  process.stderr.write(
    'usage: npm run --silent nats:deploy-auth -- <node name>… | kubectl apply -f -\n' +
      '  every node a mover runs on, e.g. $(kubectl get nodes -o jsonpath={.items[*].metadata.name})\n',
  );
  process.exit(2);
}
const objects = natsDeployObjects({ nodes, newPassword: () => randomBytes(24).toString('base64url') });
process.stdout.write(objects.map((object) => stringify(object)).join('---\n'));
