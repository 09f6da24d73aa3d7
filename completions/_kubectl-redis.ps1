
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'kubectl-redis' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'kubectl-redis'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'kubectl-redis' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for every network call, e.g. 500ms, 5s, 2m')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output (NO_COLOR is respected)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Nodes asked at once while reading the cluster')
            [CompletionResult]::new('--views', '--views', [CompletionResultType]::ParameterName, 'How to read the nodes'' views of the cluster: full (every node''s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret)')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from the first line of this file')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the servers')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node''s address or, on Kubernetes, its pod''s DNS names is accepted')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan and change nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--ask-password', '--ask-password', [CompletionResultType]::ParameterName, 'Ask for the password on the terminal')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Connect with TLS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the servers'' certificates (prints a warning)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Form a new cluster from empty nodes')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check the cluster''s health; every finding comes with the command that repairs it')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the shard tree: each master followed by its replicas')
            [CompletionResult]::new('add-node', 'add-node', [CompletionResultType]::ParameterValue, 'Join a node to the cluster, as an empty master or as a replica')
            [CompletionResult]::new('del-node', 'del-node', [CompletionResultType]::ParameterValue, 'Remove a node: re-home its replicas, make every node forget it, reset it')
            [CompletionResult]::new('reshard', 'reshard', [CompletionResultType]::ParameterValue, 'Move exactly N slots (with their keys) from some masters to one master')
            [CompletionResult]::new('rebalance', 'rebalance', [CompletionResultType]::ParameterValue, 'Move the fewest slots that bring every master to its weighted share')
            [CompletionResult]::new('scale', 'scale', [CompletionResultType]::ParameterValue, 'Resize to M masters with R replicas each: grow or shrink the platform, join, fail over, move slots, remove')
            [CompletionResult]::new('fix', 'fix', [CompletionResultType]::ParameterValue, 'Repair what check finds: open slots, uncovered slots, ghost nodes, broken replica links')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Start, list and stop local sandboxes of server processes')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Show the main job on a throw-away sandbox: create, load keys, check, add and remove nodes')
            [CompletionResult]::new('sample-keys', 'sample-keys', [CompletionResultType]::ParameterValue, 'Write or verify deterministic sample keys (for benchmarks and demos)')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Write shell completions and man pages (for packaging)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-redis;create' {
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Target the pods matching this label selector instead of a StatefulSet, e.g. app=redis')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Target the pods matching this label selector instead of a StatefulSet, e.g. app=redis')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the StatefulSet or pods (default: the kubeconfig context''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the StatefulSet or pods (default: the kubeconfig context''s)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file (default: $KUBECONFIG, which may list several files, then ~/.kube/config, then in-cluster)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use (default: the current context)')
            [CompletionResult]::new('--password-secret', '--password-secret', [CompletionResultType]::ParameterName, 'Secret holding the Redis password (default: the one the pod template''s REDIS_PASSWORD, REDISCLI_AUTH or VALKEY_PASSWORD comes from)')
            [CompletionResult]::new('--connect', '--connect', [CompletionResultType]::ParameterName, 'How to reach the pods: auto (direct inside a cluster, else port-forward), direct, port-forward')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Target a local sandbox (default name: default)')
            [CompletionResult]::new('--nodes', '--nodes', [CompletionResultType]::ParameterName, 'Target nodes HOST:PORT[,HOST:PORT…]: for create the nodes to form the cluster, otherwise entry nodes')
            [CompletionResult]::new('--replicas', '--replicas', [CompletionResultType]::ParameterName, 'Replicas per master')
            [CompletionResult]::new('--wait-timeout', '--wait-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the nodes to agree, e.g. 60s')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'What to wait for before the final check: synced (every replica has finished its first sync, so check passes) or serving (every node serves; replicas still syncing are reported)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for every network call, e.g. 500ms, 5s, 2m')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output (NO_COLOR is respected)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Nodes asked at once while reading the cluster')
            [CompletionResult]::new('--views', '--views', [CompletionResultType]::ParameterName, 'How to read the nodes'' views of the cluster: full (every node''s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret)')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from the first line of this file')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the servers')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node''s address or, on Kubernetes, its pod''s DNS names is accepted')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Allow fewer than 3 masters')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan and change nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--ask-password', '--ask-password', [CompletionResultType]::ParameterName, 'Ask for the password on the terminal')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Connect with TLS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the servers'' certificates (prints a warning)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-redis;check' {
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Target the pods matching this label selector instead of a StatefulSet, e.g. app=redis')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Target the pods matching this label selector instead of a StatefulSet, e.g. app=redis')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the StatefulSet or pods (default: the kubeconfig context''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the StatefulSet or pods (default: the kubeconfig context''s)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file (default: $KUBECONFIG, which may list several files, then ~/.kube/config, then in-cluster)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use (default: the current context)')
            [CompletionResult]::new('--password-secret', '--password-secret', [CompletionResultType]::ParameterName, 'Secret holding the Redis password (default: the one the pod template''s REDIS_PASSWORD, REDISCLI_AUTH or VALKEY_PASSWORD comes from)')
            [CompletionResult]::new('--connect', '--connect', [CompletionResultType]::ParameterName, 'How to reach the pods: auto (direct inside a cluster, else port-forward), direct, port-forward')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Target a local sandbox (default name: default)')
            [CompletionResult]::new('--nodes', '--nodes', [CompletionResultType]::ParameterName, 'Target nodes HOST:PORT[,HOST:PORT…]: for create the nodes to form the cluster, otherwise entry nodes')
            [CompletionResult]::new('--migration', '--migration', [CompletionResultType]::ParameterName, 'How slots move')
            [CompletionResult]::new('--pace', '--pace', [CompletionResultType]::ParameterName, 'How hard moving presses on the nodes, i.e. what clients feel while slots move')
            [CompletionResult]::new('--parallel', '--parallel', [CompletionResultType]::ParameterName, 'Moves from different sources that run at once (when paced, their batches take turns)')
            [CompletionResult]::new('--batch-keys', '--batch-keys', [CompletionResultType]::ParameterName, 'Keys per MIGRATE batch (legacy)')
            [CompletionResult]::new('--batch-bytes', '--batch-bytes', [CompletionResultType]::ParameterName, 'Bytes per MIGRATE batch (legacy); a larger key goes alone with a longer timeout')
            [CompletionResult]::new('--migrate-timeout', '--migrate-timeout', [CompletionResultType]::ParameterName, 'MIGRATE''s own I/O timeout per batch (legacy)')
            [CompletionResult]::new('--wait-timeout', '--wait-timeout', [CompletionResultType]::ParameterName, 'How long to wait for nodes to serve, know each other, agree, fail over and sync, e.g. 120s')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for every network call, e.g. 500ms, 5s, 2m')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output (NO_COLOR is respected)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Nodes asked at once while reading the cluster')
            [CompletionResult]::new('--views', '--views', [CompletionResultType]::ParameterName, 'How to read the nodes'' views of the cluster: full (every node''s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret)')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from the first line of this file')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the servers')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node''s address or, on Kubernetes, its pod''s DNS names is accepted')
            [CompletionResult]::new('--fix', '--fix', [CompletionResultType]::ParameterName, 'Show the repair plan for what is found, and apply it (same as `fix`)')
            [CompletionResult]::new('--replace', '--replace', [CompletionResultType]::ParameterName, 'Overwrite keys that exist on the target with other values (identical ones are always replaced)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan and change nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--ask-password', '--ask-password', [CompletionResultType]::ParameterName, 'Ask for the password on the terminal')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Connect with TLS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the servers'' certificates (prints a warning)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-redis;status' {
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Target the pods matching this label selector instead of a StatefulSet, e.g. app=redis')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Target the pods matching this label selector instead of a StatefulSet, e.g. app=redis')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the StatefulSet or pods (default: the kubeconfig context''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the StatefulSet or pods (default: the kubeconfig context''s)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file (default: $KUBECONFIG, which may list several files, then ~/.kube/config, then in-cluster)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use (default: the current context)')
            [CompletionResult]::new('--password-secret', '--password-secret', [CompletionResultType]::ParameterName, 'Secret holding the Redis password (default: the one the pod template''s REDIS_PASSWORD, REDISCLI_AUTH or VALKEY_PASSWORD comes from)')
            [CompletionResult]::new('--connect', '--connect', [CompletionResultType]::ParameterName, 'How to reach the pods: auto (direct inside a cluster, else port-forward), direct, port-forward')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Target a local sandbox (default name: default)')
            [CompletionResult]::new('--nodes', '--nodes', [CompletionResultType]::ParameterName, 'Target nodes HOST:PORT[,HOST:PORT…]: for create the nodes to form the cluster, otherwise entry nodes')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for every network call, e.g. 500ms, 5s, 2m')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output (NO_COLOR is respected)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Nodes asked at once while reading the cluster')
            [CompletionResult]::new('--views', '--views', [CompletionResultType]::ParameterName, 'How to read the nodes'' views of the cluster: full (every node''s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret)')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from the first line of this file')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the servers')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node''s address or, on Kubernetes, its pod''s DNS names is accepted')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan and change nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--ask-password', '--ask-password', [CompletionResultType]::ParameterName, 'Ask for the password on the terminal')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Connect with TLS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the servers'' certificates (prints a warning)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-redis;add-node' {
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Target the pods matching this label selector instead of a StatefulSet, e.g. app=redis')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Target the pods matching this label selector instead of a StatefulSet, e.g. app=redis')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the StatefulSet or pods (default: the kubeconfig context''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the StatefulSet or pods (default: the kubeconfig context''s)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file (default: $KUBECONFIG, which may list several files, then ~/.kube/config, then in-cluster)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use (default: the current context)')
            [CompletionResult]::new('--password-secret', '--password-secret', [CompletionResultType]::ParameterName, 'Secret holding the Redis password (default: the one the pod template''s REDIS_PASSWORD, REDISCLI_AUTH or VALKEY_PASSWORD comes from)')
            [CompletionResult]::new('--connect', '--connect', [CompletionResultType]::ParameterName, 'How to reach the pods: auto (direct inside a cluster, else port-forward), direct, port-forward')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Target a local sandbox (default name: default)')
            [CompletionResult]::new('--nodes', '--nodes', [CompletionResultType]::ParameterName, 'Target nodes HOST:PORT[,HOST:PORT…]: for create the nodes to form the cluster, otherwise entry nodes')
            [CompletionResult]::new('--replica-of', '--replica-of', [CompletionResultType]::ParameterName, 'Join as a replica of this master (pod name, ID, ID prefix or HOST:PORT)')
            [CompletionResult]::new('--wait-timeout', '--wait-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the node to learn the cluster (and a replica to sync), e.g. 60s')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'What to wait for before the final check: synced (every replica has finished its first sync, so check passes) or serving (every node serves; replicas still syncing are reported)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for every network call, e.g. 500ms, 5s, 2m')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output (NO_COLOR is respected)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Nodes asked at once while reading the cluster')
            [CompletionResult]::new('--views', '--views', [CompletionResultType]::ParameterName, 'How to read the nodes'' views of the cluster: full (every node''s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret)')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from the first line of this file')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the servers')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node''s address or, on Kubernetes, its pod''s DNS names is accepted')
            [CompletionResult]::new('--replica', '--replica', [CompletionResultType]::ParameterName, 'Join as a replica of the master chosen by placement, then fewest replicas')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan and change nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--ask-password', '--ask-password', [CompletionResultType]::ParameterName, 'Ask for the password on the terminal')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Connect with TLS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the servers'' certificates (prints a warning)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-redis;del-node' {
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Target the pods matching this label selector instead of a StatefulSet, e.g. app=redis')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Target the pods matching this label selector instead of a StatefulSet, e.g. app=redis')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the StatefulSet or pods (default: the kubeconfig context''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the StatefulSet or pods (default: the kubeconfig context''s)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file (default: $KUBECONFIG, which may list several files, then ~/.kube/config, then in-cluster)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use (default: the current context)')
            [CompletionResult]::new('--password-secret', '--password-secret', [CompletionResultType]::ParameterName, 'Secret holding the Redis password (default: the one the pod template''s REDIS_PASSWORD, REDISCLI_AUTH or VALKEY_PASSWORD comes from)')
            [CompletionResult]::new('--connect', '--connect', [CompletionResultType]::ParameterName, 'How to reach the pods: auto (direct inside a cluster, else port-forward), direct, port-forward')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Target a local sandbox (default name: default)')
            [CompletionResult]::new('--nodes', '--nodes', [CompletionResultType]::ParameterName, 'Target nodes HOST:PORT[,HOST:PORT…]: for create the nodes to form the cluster, otherwise entry nodes')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for every network call, e.g. 500ms, 5s, 2m')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output (NO_COLOR is respected)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Nodes asked at once while reading the cluster')
            [CompletionResult]::new('--views', '--views', [CompletionResultType]::ParameterName, 'How to read the nodes'' views of the cluster: full (every node''s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret)')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from the first line of this file')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the servers')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node''s address or, on Kubernetes, its pod''s DNS names is accepted')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Remove even when another node is unreachable and cannot forget it')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan and change nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--ask-password', '--ask-password', [CompletionResultType]::ParameterName, 'Ask for the password on the terminal')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Connect with TLS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the servers'' certificates (prints a warning)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-redis;reshard' {
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Target the pods matching this label selector instead of a StatefulSet, e.g. app=redis')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Target the pods matching this label selector instead of a StatefulSet, e.g. app=redis')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the StatefulSet or pods (default: the kubeconfig context''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the StatefulSet or pods (default: the kubeconfig context''s)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file (default: $KUBECONFIG, which may list several files, then ~/.kube/config, then in-cluster)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use (default: the current context)')
            [CompletionResult]::new('--password-secret', '--password-secret', [CompletionResultType]::ParameterName, 'Secret holding the Redis password (default: the one the pod template''s REDIS_PASSWORD, REDISCLI_AUTH or VALKEY_PASSWORD comes from)')
            [CompletionResult]::new('--connect', '--connect', [CompletionResultType]::ParameterName, 'How to reach the pods: auto (direct inside a cluster, else port-forward), direct, port-forward')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Target a local sandbox (default name: default)')
            [CompletionResult]::new('--nodes', '--nodes', [CompletionResultType]::ParameterName, 'Target nodes HOST:PORT[,HOST:PORT…]: for create the nodes to form the cluster, otherwise entry nodes')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Source masters (pod name, ID, ID prefix or HOST:PORT), or `all` for every other master that owns slots')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The master that receives the slots (pod name, ID, ID prefix or HOST:PORT)')
            [CompletionResult]::new('--slots', '--slots', [CompletionResultType]::ParameterName, 'How many slots to move (exactly; an error if the sources own fewer)')
            [CompletionResult]::new('--migration', '--migration', [CompletionResultType]::ParameterName, 'How slots move')
            [CompletionResult]::new('--pace', '--pace', [CompletionResultType]::ParameterName, 'How hard moving presses on the nodes, i.e. what clients feel while slots move')
            [CompletionResult]::new('--parallel', '--parallel', [CompletionResultType]::ParameterName, 'Moves from different sources that run at once (when paced, their batches take turns)')
            [CompletionResult]::new('--batch-keys', '--batch-keys', [CompletionResultType]::ParameterName, 'Keys per MIGRATE batch (legacy)')
            [CompletionResult]::new('--batch-bytes', '--batch-bytes', [CompletionResultType]::ParameterName, 'Bytes per MIGRATE batch (legacy); a larger key goes alone with a longer timeout')
            [CompletionResult]::new('--migrate-timeout', '--migrate-timeout', [CompletionResultType]::ParameterName, 'MIGRATE''s own I/O timeout per batch (legacy)')
            [CompletionResult]::new('--wait-timeout', '--wait-timeout', [CompletionResultType]::ParameterName, 'How long to wait for nodes to serve, know each other, agree, fail over and sync, e.g. 120s')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for every network call, e.g. 500ms, 5s, 2m')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output (NO_COLOR is respected)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Nodes asked at once while reading the cluster')
            [CompletionResult]::new('--views', '--views', [CompletionResultType]::ParameterName, 'How to read the nodes'' views of the cluster: full (every node''s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret)')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from the first line of this file')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the servers')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node''s address or, on Kubernetes, its pod''s DNS names is accepted')
            [CompletionResult]::new('--replace', '--replace', [CompletionResultType]::ParameterName, 'Overwrite keys that exist on the target with other values (identical ones are always replaced)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan and change nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--ask-password', '--ask-password', [CompletionResultType]::ParameterName, 'Ask for the password on the terminal')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Connect with TLS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the servers'' certificates (prints a warning)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-redis;rebalance' {
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Target the pods matching this label selector instead of a StatefulSet, e.g. app=redis')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Target the pods matching this label selector instead of a StatefulSet, e.g. app=redis')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the StatefulSet or pods (default: the kubeconfig context''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the StatefulSet or pods (default: the kubeconfig context''s)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file (default: $KUBECONFIG, which may list several files, then ~/.kube/config, then in-cluster)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use (default: the current context)')
            [CompletionResult]::new('--password-secret', '--password-secret', [CompletionResultType]::ParameterName, 'Secret holding the Redis password (default: the one the pod template''s REDIS_PASSWORD, REDISCLI_AUTH or VALKEY_PASSWORD comes from)')
            [CompletionResult]::new('--connect', '--connect', [CompletionResultType]::ParameterName, 'How to reach the pods: auto (direct inside a cluster, else port-forward), direct, port-forward')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Target a local sandbox (default name: default)')
            [CompletionResult]::new('--nodes', '--nodes', [CompletionResultType]::ParameterName, 'Target nodes HOST:PORT[,HOST:PORT…]: for create the nodes to form the cluster, otherwise entry nodes')
            [CompletionResult]::new('--weight', '--weight', [CompletionResultType]::ParameterName, 'A master''s weight, NODE=W (repeatable; default 1; 0 drains the master)')
            [CompletionResult]::new('--threshold', '--threshold', [CompletionResultType]::ParameterName, 'Only rebalance when some master is off its share by more than PCT percent (0: any difference)')
            [CompletionResult]::new('--migration', '--migration', [CompletionResultType]::ParameterName, 'How slots move')
            [CompletionResult]::new('--pace', '--pace', [CompletionResultType]::ParameterName, 'How hard moving presses on the nodes, i.e. what clients feel while slots move')
            [CompletionResult]::new('--parallel', '--parallel', [CompletionResultType]::ParameterName, 'Moves from different sources that run at once (when paced, their batches take turns)')
            [CompletionResult]::new('--batch-keys', '--batch-keys', [CompletionResultType]::ParameterName, 'Keys per MIGRATE batch (legacy)')
            [CompletionResult]::new('--batch-bytes', '--batch-bytes', [CompletionResultType]::ParameterName, 'Bytes per MIGRATE batch (legacy); a larger key goes alone with a longer timeout')
            [CompletionResult]::new('--migrate-timeout', '--migrate-timeout', [CompletionResultType]::ParameterName, 'MIGRATE''s own I/O timeout per batch (legacy)')
            [CompletionResult]::new('--wait-timeout', '--wait-timeout', [CompletionResultType]::ParameterName, 'How long to wait for nodes to serve, know each other, agree, fail over and sync, e.g. 120s')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for every network call, e.g. 500ms, 5s, 2m')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output (NO_COLOR is respected)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Nodes asked at once while reading the cluster')
            [CompletionResult]::new('--views', '--views', [CompletionResultType]::ParameterName, 'How to read the nodes'' views of the cluster: full (every node''s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret)')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from the first line of this file')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the servers')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node''s address or, on Kubernetes, its pod''s DNS names is accepted')
            [CompletionResult]::new('--use-empty-masters', '--use-empty-masters', [CompletionResultType]::ParameterName, 'Give slots to masters that own none')
            [CompletionResult]::new('--replace', '--replace', [CompletionResultType]::ParameterName, 'Overwrite keys that exist on the target with other values (identical ones are always replaced)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan and change nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--ask-password', '--ask-password', [CompletionResultType]::ParameterName, 'Ask for the password on the terminal')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Connect with TLS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the servers'' certificates (prints a warning)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-redis;scale' {
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Target the pods matching this label selector instead of a StatefulSet, e.g. app=redis')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Target the pods matching this label selector instead of a StatefulSet, e.g. app=redis')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the StatefulSet or pods (default: the kubeconfig context''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the StatefulSet or pods (default: the kubeconfig context''s)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file (default: $KUBECONFIG, which may list several files, then ~/.kube/config, then in-cluster)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use (default: the current context)')
            [CompletionResult]::new('--password-secret', '--password-secret', [CompletionResultType]::ParameterName, 'Secret holding the Redis password (default: the one the pod template''s REDIS_PASSWORD, REDISCLI_AUTH or VALKEY_PASSWORD comes from)')
            [CompletionResult]::new('--connect', '--connect', [CompletionResultType]::ParameterName, 'How to reach the pods: auto (direct inside a cluster, else port-forward), direct, port-forward')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Target a local sandbox (default name: default)')
            [CompletionResult]::new('--nodes', '--nodes', [CompletionResultType]::ParameterName, 'Target nodes HOST:PORT[,HOST:PORT…]: for create the nodes to form the cluster, otherwise entry nodes')
            [CompletionResult]::new('--masters', '--masters', [CompletionResultType]::ParameterName, 'Masters after the resize')
            [CompletionResult]::new('--replicas', '--replicas', [CompletionResultType]::ParameterName, 'Replicas per master after the resize (default: as now)')
            [CompletionResult]::new('--discard-data-on', '--discard-data-on', [CompletionResultType]::ParameterName, 'A member that remembers another cluster and holds slots or keys may be emptied so it can join (repeatable; --yes alone never allows it)')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'What to wait for before the final check: synced (every replica has finished its first sync, so check passes) or serving (every node serves; replicas still syncing are reported)')
            [CompletionResult]::new('--migration', '--migration', [CompletionResultType]::ParameterName, 'How slots move')
            [CompletionResult]::new('--pace', '--pace', [CompletionResultType]::ParameterName, 'How hard moving presses on the nodes, i.e. what clients feel while slots move')
            [CompletionResult]::new('--parallel', '--parallel', [CompletionResultType]::ParameterName, 'Moves from different sources that run at once (when paced, their batches take turns)')
            [CompletionResult]::new('--batch-keys', '--batch-keys', [CompletionResultType]::ParameterName, 'Keys per MIGRATE batch (legacy)')
            [CompletionResult]::new('--batch-bytes', '--batch-bytes', [CompletionResultType]::ParameterName, 'Bytes per MIGRATE batch (legacy); a larger key goes alone with a longer timeout')
            [CompletionResult]::new('--migrate-timeout', '--migrate-timeout', [CompletionResultType]::ParameterName, 'MIGRATE''s own I/O timeout per batch (legacy)')
            [CompletionResult]::new('--wait-timeout', '--wait-timeout', [CompletionResultType]::ParameterName, 'How long to wait for nodes to serve, know each other, agree, fail over and sync, e.g. 120s')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for every network call, e.g. 500ms, 5s, 2m')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output (NO_COLOR is respected)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Nodes asked at once while reading the cluster')
            [CompletionResult]::new('--views', '--views', [CompletionResultType]::ParameterName, 'How to read the nodes'' views of the cluster: full (every node''s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret)')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from the first line of this file')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the servers')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node''s address or, on Kubernetes, its pod''s DNS names is accepted')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Allow fewer than 3 masters')
            [CompletionResult]::new('--delete-storage', '--delete-storage', [CompletionResultType]::ParameterName, 'Also delete the storage (data directory, claims) of removed members')
            [CompletionResult]::new('--replace', '--replace', [CompletionResultType]::ParameterName, 'Overwrite keys that exist on the target with other values (identical ones are always replaced)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan and change nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--ask-password', '--ask-password', [CompletionResultType]::ParameterName, 'Ask for the password on the terminal')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Connect with TLS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the servers'' certificates (prints a warning)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-redis;fix' {
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Target the pods matching this label selector instead of a StatefulSet, e.g. app=redis')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Target the pods matching this label selector instead of a StatefulSet, e.g. app=redis')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the StatefulSet or pods (default: the kubeconfig context''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the StatefulSet or pods (default: the kubeconfig context''s)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file (default: $KUBECONFIG, which may list several files, then ~/.kube/config, then in-cluster)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use (default: the current context)')
            [CompletionResult]::new('--password-secret', '--password-secret', [CompletionResultType]::ParameterName, 'Secret holding the Redis password (default: the one the pod template''s REDIS_PASSWORD, REDISCLI_AUTH or VALKEY_PASSWORD comes from)')
            [CompletionResult]::new('--connect', '--connect', [CompletionResultType]::ParameterName, 'How to reach the pods: auto (direct inside a cluster, else port-forward), direct, port-forward')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Target a local sandbox (default name: default)')
            [CompletionResult]::new('--nodes', '--nodes', [CompletionResultType]::ParameterName, 'Target nodes HOST:PORT[,HOST:PORT…]: for create the nodes to form the cluster, otherwise entry nodes')
            [CompletionResult]::new('--migration', '--migration', [CompletionResultType]::ParameterName, 'How slots move')
            [CompletionResult]::new('--pace', '--pace', [CompletionResultType]::ParameterName, 'How hard moving presses on the nodes, i.e. what clients feel while slots move')
            [CompletionResult]::new('--parallel', '--parallel', [CompletionResultType]::ParameterName, 'Moves from different sources that run at once (when paced, their batches take turns)')
            [CompletionResult]::new('--batch-keys', '--batch-keys', [CompletionResultType]::ParameterName, 'Keys per MIGRATE batch (legacy)')
            [CompletionResult]::new('--batch-bytes', '--batch-bytes', [CompletionResultType]::ParameterName, 'Bytes per MIGRATE batch (legacy); a larger key goes alone with a longer timeout')
            [CompletionResult]::new('--migrate-timeout', '--migrate-timeout', [CompletionResultType]::ParameterName, 'MIGRATE''s own I/O timeout per batch (legacy)')
            [CompletionResult]::new('--wait-timeout', '--wait-timeout', [CompletionResultType]::ParameterName, 'How long to wait for nodes to serve, know each other, agree, fail over and sync, e.g. 120s')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for every network call, e.g. 500ms, 5s, 2m')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output (NO_COLOR is respected)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Nodes asked at once while reading the cluster')
            [CompletionResult]::new('--views', '--views', [CompletionResultType]::ParameterName, 'How to read the nodes'' views of the cluster: full (every node''s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret)')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from the first line of this file')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the servers')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node''s address or, on Kubernetes, its pod''s DNS names is accepted')
            [CompletionResult]::new('--replace', '--replace', [CompletionResultType]::ParameterName, 'Overwrite keys that exist on the target with other values (identical ones are always replaced)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan and change nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--ask-password', '--ask-password', [CompletionResultType]::ParameterName, 'Ask for the password on the terminal')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Connect with TLS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the servers'' certificates (prints a warning)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-redis;sandbox' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for every network call, e.g. 500ms, 5s, 2m')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output (NO_COLOR is respected)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Nodes asked at once while reading the cluster')
            [CompletionResult]::new('--views', '--views', [CompletionResultType]::ParameterName, 'How to read the nodes'' views of the cluster: full (every node''s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret)')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from the first line of this file')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the servers')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node''s address or, on Kubernetes, its pod''s DNS names is accepted')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan and change nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--ask-password', '--ask-password', [CompletionResultType]::ParameterName, 'Ask for the password on the terminal')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Connect with TLS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the servers'' certificates (prints a warning)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Start a sandbox of empty cluster-enabled nodes (or grow, or restart stopped nodes)')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Stop a sandbox''s servers and remove its state')
            [CompletionResult]::new('scale', 'scale', [CompletionResultType]::ParameterValue, 'Grow or shrink a sandbox to N members, like `kubectl scale statefulset` (no cluster changes)')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart members like deleted pods: they come back on their storage, with --new-ip under a new address')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'List a sandbox''s nodes: addresses, pids, host and zone labels')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-redis;sandbox;up' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Sandbox name')
            [CompletionResult]::new('--nodes', '--nodes', [CompletionResultType]::ParameterName, 'How many nodes')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Server binary (redis-server or valkey-server; default: $KUBECTL_REDIS_SERVER, then PATH)')
            [CompletionResult]::new('--server-arg', '--server-arg', [CompletionResultType]::ParameterName, 'Extra server option for every node, e.g. --server-arg=--maxmemory=100mb (repeatable; kept for restarts)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for every network call, e.g. 500ms, 5s, 2m')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output (NO_COLOR is respected)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Nodes asked at once while reading the cluster')
            [CompletionResult]::new('--views', '--views', [CompletionResultType]::ParameterName, 'How to read the nodes'' views of the cluster: full (every node''s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret)')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from the first line of this file')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the servers')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node''s address or, on Kubernetes, its pod''s DNS names is accepted')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan and change nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--ask-password', '--ask-password', [CompletionResultType]::ParameterName, 'Ask for the password on the terminal')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Connect with TLS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the servers'' certificates (prints a warning)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-redis;sandbox;down' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Sandbox name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for every network call, e.g. 500ms, 5s, 2m')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output (NO_COLOR is respected)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Nodes asked at once while reading the cluster')
            [CompletionResult]::new('--views', '--views', [CompletionResultType]::ParameterName, 'How to read the nodes'' views of the cluster: full (every node''s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret)')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from the first line of this file')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the servers')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node''s address or, on Kubernetes, its pod''s DNS names is accepted')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan and change nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--ask-password', '--ask-password', [CompletionResultType]::ParameterName, 'Ask for the password on the terminal')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Connect with TLS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the servers'' certificates (prints a warning)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-redis;sandbox;scale' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for every network call, e.g. 500ms, 5s, 2m')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output (NO_COLOR is respected)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Nodes asked at once while reading the cluster')
            [CompletionResult]::new('--views', '--views', [CompletionResultType]::ParameterName, 'How to read the nodes'' views of the cluster: full (every node''s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret)')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from the first line of this file')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the servers')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node''s address or, on Kubernetes, its pod''s DNS names is accepted')
            [CompletionResult]::new('--delete-storage', '--delete-storage', [CompletionResultType]::ParameterName, 'Delete the data directories of removed members')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan and change nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--ask-password', '--ask-password', [CompletionResultType]::ParameterName, 'Ask for the password on the terminal')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Connect with TLS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the servers'' certificates (prints a warning)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-redis;sandbox;restart' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for every network call, e.g. 500ms, 5s, 2m')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output (NO_COLOR is respected)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Nodes asked at once while reading the cluster')
            [CompletionResult]::new('--views', '--views', [CompletionResultType]::ParameterName, 'How to read the nodes'' views of the cluster: full (every node''s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret)')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from the first line of this file')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the servers')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node''s address or, on Kubernetes, its pod''s DNS names is accepted')
            [CompletionResult]::new('--new-ip', '--new-ip', [CompletionResultType]::ParameterName, 'Bring them back under new loopback addresses, as pods get new IPs')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan and change nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--ask-password', '--ask-password', [CompletionResultType]::ParameterName, 'Ask for the password on the terminal')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Connect with TLS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the servers'' certificates (prints a warning)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-redis;sandbox;status' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Sandbox name')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for every network call, e.g. 500ms, 5s, 2m')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output (NO_COLOR is respected)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Nodes asked at once while reading the cluster')
            [CompletionResult]::new('--views', '--views', [CompletionResultType]::ParameterName, 'How to read the nodes'' views of the cluster: full (every node''s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret)')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from the first line of this file')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the servers')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node''s address or, on Kubernetes, its pod''s DNS names is accepted')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan and change nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--ask-password', '--ask-password', [CompletionResultType]::ParameterName, 'Ask for the password on the terminal')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Connect with TLS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the servers'' certificates (prints a warning)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-redis;sandbox;help' {
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Start a sandbox of empty cluster-enabled nodes (or grow, or restart stopped nodes)')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Stop a sandbox''s servers and remove its state')
            [CompletionResult]::new('scale', 'scale', [CompletionResultType]::ParameterValue, 'Grow or shrink a sandbox to N members, like `kubectl scale statefulset` (no cluster changes)')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart members like deleted pods: they come back on their storage, with --new-ip under a new address')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'List a sandbox''s nodes: addresses, pids, host and zone labels')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-redis;sandbox;help;up' {
            break
        }
        'kubectl-redis;sandbox;help;down' {
            break
        }
        'kubectl-redis;sandbox;help;scale' {
            break
        }
        'kubectl-redis;sandbox;help;restart' {
            break
        }
        'kubectl-redis;sandbox;help;status' {
            break
        }
        'kubectl-redis;sandbox;help;help' {
            break
        }
        'kubectl-redis;demo' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Server binary (redis-server or valkey-server; default: $KUBECTL_REDIS_SERVER, then PATH)')
            [CompletionResult]::new('--keys', '--keys', [CompletionResultType]::ParameterName, 'How many sample keys to load')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for every network call, e.g. 500ms, 5s, 2m')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output (NO_COLOR is respected)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Nodes asked at once while reading the cluster')
            [CompletionResult]::new('--views', '--views', [CompletionResultType]::ParameterName, 'How to read the nodes'' views of the cluster: full (every node''s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret)')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from the first line of this file')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the servers')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node''s address or, on Kubernetes, its pod''s DNS names is accepted')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan and change nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--ask-password', '--ask-password', [CompletionResultType]::ParameterName, 'Ask for the password on the terminal')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Connect with TLS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the servers'' certificates (prints a warning)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-redis;sample-keys' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for every network call, e.g. 500ms, 5s, 2m')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output (NO_COLOR is respected)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Nodes asked at once while reading the cluster')
            [CompletionResult]::new('--views', '--views', [CompletionResultType]::ParameterName, 'How to read the nodes'' views of the cluster: full (every node''s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret)')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from the first line of this file')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the servers')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node''s address or, on Kubernetes, its pod''s DNS names is accepted')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan and change nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--ask-password', '--ask-password', [CompletionResultType]::ParameterName, 'Ask for the password on the terminal')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Connect with TLS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the servers'' certificates (prints a warning)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('write', 'write', [CompletionResultType]::ParameterValue, 'SET sample:0 … sample:N-1 on their slot owners')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Exit 1 unless every sample key is present with its value')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-redis;sample-keys;write' {
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Target the pods matching this label selector instead of a StatefulSet, e.g. app=redis')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Target the pods matching this label selector instead of a StatefulSet, e.g. app=redis')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the StatefulSet or pods (default: the kubeconfig context''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the StatefulSet or pods (default: the kubeconfig context''s)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file (default: $KUBECONFIG, which may list several files, then ~/.kube/config, then in-cluster)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use (default: the current context)')
            [CompletionResult]::new('--password-secret', '--password-secret', [CompletionResultType]::ParameterName, 'Secret holding the Redis password (default: the one the pod template''s REDIS_PASSWORD, REDISCLI_AUTH or VALKEY_PASSWORD comes from)')
            [CompletionResult]::new('--connect', '--connect', [CompletionResultType]::ParameterName, 'How to reach the pods: auto (direct inside a cluster, else port-forward), direct, port-forward')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Target a local sandbox (default name: default)')
            [CompletionResult]::new('--nodes', '--nodes', [CompletionResultType]::ParameterName, 'Target nodes HOST:PORT[,HOST:PORT…]: for create the nodes to form the cluster, otherwise entry nodes')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'How many keys')
            [CompletionResult]::new('--size', '--size', [CompletionResultType]::ParameterName, 'Bytes per value')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for every network call, e.g. 500ms, 5s, 2m')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output (NO_COLOR is respected)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Nodes asked at once while reading the cluster')
            [CompletionResult]::new('--views', '--views', [CompletionResultType]::ParameterName, 'How to read the nodes'' views of the cluster: full (every node''s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret)')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from the first line of this file')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the servers')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node''s address or, on Kubernetes, its pod''s DNS names is accepted')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan and change nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--ask-password', '--ask-password', [CompletionResultType]::ParameterName, 'Ask for the password on the terminal')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Connect with TLS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the servers'' certificates (prints a warning)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-redis;sample-keys;verify' {
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Target the pods matching this label selector instead of a StatefulSet, e.g. app=redis')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Target the pods matching this label selector instead of a StatefulSet, e.g. app=redis')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Namespace of the StatefulSet or pods (default: the kubeconfig context''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Namespace of the StatefulSet or pods (default: the kubeconfig context''s)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file (default: $KUBECONFIG, which may list several files, then ~/.kube/config, then in-cluster)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Kubeconfig context to use (default: the current context)')
            [CompletionResult]::new('--password-secret', '--password-secret', [CompletionResultType]::ParameterName, 'Secret holding the Redis password (default: the one the pod template''s REDIS_PASSWORD, REDISCLI_AUTH or VALKEY_PASSWORD comes from)')
            [CompletionResult]::new('--connect', '--connect', [CompletionResultType]::ParameterName, 'How to reach the pods: auto (direct inside a cluster, else port-forward), direct, port-forward')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Target a local sandbox (default name: default)')
            [CompletionResult]::new('--nodes', '--nodes', [CompletionResultType]::ParameterName, 'Target nodes HOST:PORT[,HOST:PORT…]: for create the nodes to form the cluster, otherwise entry nodes')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'How many keys')
            [CompletionResult]::new('--size', '--size', [CompletionResultType]::ParameterName, 'Bytes per value')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for every network call, e.g. 500ms, 5s, 2m')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output (NO_COLOR is respected)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Nodes asked at once while reading the cluster')
            [CompletionResult]::new('--views', '--views', [CompletionResultType]::ParameterName, 'How to read the nodes'' views of the cluster: full (every node''s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret)')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from the first line of this file')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the servers')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node''s address or, on Kubernetes, its pod''s DNS names is accepted')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan and change nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--ask-password', '--ask-password', [CompletionResultType]::ParameterName, 'Ask for the password on the terminal')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Connect with TLS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the servers'' certificates (prints a warning)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-redis;sample-keys;help' {
            [CompletionResult]::new('write', 'write', [CompletionResultType]::ParameterValue, 'SET sample:0 … sample:N-1 on their slot owners')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Exit 1 unless every sample key is present with its value')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-redis;sample-keys;help;write' {
            break
        }
        'kubectl-redis;sample-keys;help;verify' {
            break
        }
        'kubectl-redis;sample-keys;help;help' {
            break
        }
        'kubectl-redis;generate' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Directory that receives completions/ and man/')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for every network call, e.g. 500ms, 5s, 2m')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color the output (NO_COLOR is respected)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Nodes asked at once while reading the cluster')
            [CompletionResult]::new('--views', '--views', [CompletionResultType]::ParameterName, 'How to read the nodes'' views of the cluster: full (every node''s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret)')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from the first line of this file')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the servers')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-server-name', '--tls-server-name', [CompletionResultType]::ParameterName, 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node''s address or, on Kubernetes, its pod''s DNS names is accepted')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required to change a cluster without a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan and change nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail (repeatable; -vv adds where the time went)')
            [CompletionResult]::new('--ask-password', '--ask-password', [CompletionResultType]::ParameterName, 'Ask for the password on the terminal')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Connect with TLS')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the servers'' certificates (prints a warning)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-redis;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Form a new cluster from empty nodes')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check the cluster''s health; every finding comes with the command that repairs it')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the shard tree: each master followed by its replicas')
            [CompletionResult]::new('add-node', 'add-node', [CompletionResultType]::ParameterValue, 'Join a node to the cluster, as an empty master or as a replica')
            [CompletionResult]::new('del-node', 'del-node', [CompletionResultType]::ParameterValue, 'Remove a node: re-home its replicas, make every node forget it, reset it')
            [CompletionResult]::new('reshard', 'reshard', [CompletionResultType]::ParameterValue, 'Move exactly N slots (with their keys) from some masters to one master')
            [CompletionResult]::new('rebalance', 'rebalance', [CompletionResultType]::ParameterValue, 'Move the fewest slots that bring every master to its weighted share')
            [CompletionResult]::new('scale', 'scale', [CompletionResultType]::ParameterValue, 'Resize to M masters with R replicas each: grow or shrink the platform, join, fail over, move slots, remove')
            [CompletionResult]::new('fix', 'fix', [CompletionResultType]::ParameterValue, 'Repair what check finds: open slots, uncovered slots, ghost nodes, broken replica links')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Start, list and stop local sandboxes of server processes')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Show the main job on a throw-away sandbox: create, load keys, check, add and remove nodes')
            [CompletionResult]::new('sample-keys', 'sample-keys', [CompletionResultType]::ParameterValue, 'Write or verify deterministic sample keys (for benchmarks and demos)')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Write shell completions and man pages (for packaging)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-redis;help;create' {
            break
        }
        'kubectl-redis;help;check' {
            break
        }
        'kubectl-redis;help;status' {
            break
        }
        'kubectl-redis;help;add-node' {
            break
        }
        'kubectl-redis;help;del-node' {
            break
        }
        'kubectl-redis;help;reshard' {
            break
        }
        'kubectl-redis;help;rebalance' {
            break
        }
        'kubectl-redis;help;scale' {
            break
        }
        'kubectl-redis;help;fix' {
            break
        }
        'kubectl-redis;help;sandbox' {
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Start a sandbox of empty cluster-enabled nodes (or grow, or restart stopped nodes)')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Stop a sandbox''s servers and remove its state')
            [CompletionResult]::new('scale', 'scale', [CompletionResultType]::ParameterValue, 'Grow or shrink a sandbox to N members, like `kubectl scale statefulset` (no cluster changes)')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart members like deleted pods: they come back on their storage, with --new-ip under a new address')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'List a sandbox''s nodes: addresses, pids, host and zone labels')
            break
        }
        'kubectl-redis;help;sandbox;up' {
            break
        }
        'kubectl-redis;help;sandbox;down' {
            break
        }
        'kubectl-redis;help;sandbox;scale' {
            break
        }
        'kubectl-redis;help;sandbox;restart' {
            break
        }
        'kubectl-redis;help;sandbox;status' {
            break
        }
        'kubectl-redis;help;demo' {
            break
        }
        'kubectl-redis;help;sample-keys' {
            [CompletionResult]::new('write', 'write', [CompletionResultType]::ParameterValue, 'SET sample:0 … sample:N-1 on their slot owners')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Exit 1 unless every sample key is present with its value')
            break
        }
        'kubectl-redis;help;sample-keys;write' {
            break
        }
        'kubectl-redis;help;sample-keys;verify' {
            break
        }
        'kubectl-redis;help;generate' {
            break
        }
        'kubectl-redis;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
