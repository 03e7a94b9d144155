// Velero's backup flags as commander options (shared by `backup create` and `schedule create`):
// lists are comma-separated, optional booleans may be given bare (true) or as `--flag=false`.
import type { Command } from 'commander';
import { commaList } from '../flags/flag-values';

/** Adds the backup spec flags to `command`. */
export function addBackupFlags(command: Command): Command {
  return command
    .option('--include-namespaces <namespaces>', "namespaces to include in the backup (use '*' for all namespaces)", commaList)
    .option('--exclude-namespaces <namespaces>', 'namespaces to exclude from the backup', commaList)
    .option('--include-resources <resources>', "resources to include, formatted as resource.group (use '*' for all resources)", commaList)
    .option('--exclude-resources <resources>', 'resources to exclude, formatted as resource.group', commaList)
    .option('--include-cluster-resources [bool]', 'include cluster-scoped resources in the backup')
    .option('-l, --selector <selector>', 'only back up resources matching this label selector')
    .option('--labels <labels>', 'labels to apply to the backup (k=v,k2=v2)')
    .option('--annotations <annotations>', 'annotations to apply to the backup (k=v,k2=v2)')
    .option('--snapshot-volumes [bool]', 'take snapshots of PersistentVolumes as part of the backup')
    .option('--snapshot-move-data [bool]', 'move snapshot data to the backup storage location')
    .option('--default-volumes-to-fs-backup [bool]', 'use pod volume file system backup by default for volumes')
    .option('--resource-policies-configmap <name>', 'the resource policies ConfigMap the backup uses')
    .option('--storage-location <name>', 'location in which to store the backup')
    .option('--data-mover <name>', "the data mover of the backup ('velero' or empty: the built-in one)")
    .option('--ttl <duration>', 'how long before the backup can be garbage collected (Go duration, e.g. 720h)')
    .option('--csi-snapshot-timeout <duration>', 'how long to wait for CSI snapshot creation before timeout')
    .option('--item-operation-timeout <duration>', 'how long to wait for async plugin operations before timeout');
}
