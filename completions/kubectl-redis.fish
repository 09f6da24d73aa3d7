# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_kubectl_redis_global_optspecs
    string join \n o/output= y/yes dry-run timeout= color= v/verbose concurrency= views= redis-user= password-file= ask-password sentinel-password-file= tls cacert= tls-cert= tls-key= tls-server-name= insecure h/help V/version
end

function __fish_kubectl_redis_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_kubectl_redis_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_kubectl_redis_using_subcommand
    set -l cmd (__fish_kubectl_redis_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c kubectl-redis -n "__fish_kubectl_redis_needs_command" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t'The table with more columns (full IDs, epochs, server versions)'
json\t''
yaml\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_needs_command" -l timeout -d 'Time limit for every network call, e.g. 500ms, 5s, 2m' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_needs_command" -l color -d 'When to color the output (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_needs_command" -l concurrency -d 'Nodes asked at once while reading the cluster' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_needs_command" -l views -d 'How to read the nodes\' views of the cluster: full (every node\'s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)' -r -f -a "full\t''
digest\t''
auto\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_needs_command" -l redis-user -d 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret); --user is kept as an alias, though for kubectl --user names the kubeconfig user' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_needs_command" -l password-file -d 'Read the password from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_needs_command" -l sentinel-password-file -d 'Sentinel group: the sentinels\' own password (requirepass of the sentinels), from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_needs_command" -l cacert -d 'CA certificate (PEM) to verify the servers' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_needs_command" -l tls-cert -l cert -d 'Client certificate (PEM) for mutual TLS (--cert is kept as an alias)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_needs_command" -l tls-key -d 'Client private key (PEM) for mutual TLS (`cli --key` names a Redis key)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_needs_command" -l tls-server-name -d 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node\'s address or, on Kubernetes, its pod\'s DNS names is accepted' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_needs_command" -s y -l yes -d 'Do not ask for confirmation (required to change a cluster without a terminal)'
complete -c kubectl-redis -n "__fish_kubectl_redis_needs_command" -l dry-run -d 'Print the plan and change nothing'
complete -c kubectl-redis -n "__fish_kubectl_redis_needs_command" -s v -l verbose -d 'More detail (repeatable; -vv adds where the time went)'
complete -c kubectl-redis -n "__fish_kubectl_redis_needs_command" -l ask-password -d 'Ask for the password on the terminal'
complete -c kubectl-redis -n "__fish_kubectl_redis_needs_command" -l tls -d 'Connect with TLS'
complete -c kubectl-redis -n "__fish_kubectl_redis_needs_command" -l insecure -d 'Do not verify the servers\' certificates (prints a warning)'
complete -c kubectl-redis -n "__fish_kubectl_redis_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-redis -n "__fish_kubectl_redis_needs_command" -s V -l version -d 'Print version'
complete -c kubectl-redis -n "__fish_kubectl_redis_needs_command" -f -a "create" -d 'Form a new cluster from empty nodes'
complete -c kubectl-redis -n "__fish_kubectl_redis_needs_command" -f -a "check" -d 'Check the cluster\'s health; every finding comes with the command that repairs it'
complete -c kubectl-redis -n "__fish_kubectl_redis_needs_command" -f -a "status" -d 'Show the shard tree: each master followed by its replicas'
complete -c kubectl-redis -n "__fish_kubectl_redis_needs_command" -f -a "add-node" -d 'Join a node to the cluster, as an empty master or as a replica'
complete -c kubectl-redis -n "__fish_kubectl_redis_needs_command" -f -a "del-node" -d 'Remove a node: re-home its replicas, make every node forget it, reset it'
complete -c kubectl-redis -n "__fish_kubectl_redis_needs_command" -f -a "reshard" -d 'Move exactly N slots (with their keys) from some masters to one master'
complete -c kubectl-redis -n "__fish_kubectl_redis_needs_command" -f -a "rebalance" -d 'Move the fewest slots that bring every master to its weighted share'
complete -c kubectl-redis -n "__fish_kubectl_redis_needs_command" -f -a "scale" -d 'Resize to M masters with R replicas each: grow or shrink the platform, join, fail over, move slots, remove'
complete -c kubectl-redis -n "__fish_kubectl_redis_needs_command" -f -a "failover" -d 'Planned switchover: a Sentinel group\'s master without losing an acknowledged write, or a cluster shard\'s to --to REPLICA'
complete -c kubectl-redis -n "__fish_kubectl_redis_needs_command" -f -a "restart" -d 'Role-aware rolling restart: replicas first, then each master after a graceful failover, each waited for'
complete -c kubectl-redis -n "__fish_kubectl_redis_needs_command" -f -a "drain-node" -d 'Before `kubectl drain NODE`: fail every master on that Kubernetes node over to a replica elsewhere'
complete -c kubectl-redis -n "__fish_kubectl_redis_needs_command" -f -a "call" -d 'Run one command on every node (or only masters or replicas): one reply per node'
complete -c kubectl-redis -n "__fish_kubectl_redis_needs_command" -f -a "cli" -d 'A redis-cli on the node that owns a key or slot (or any member), through the tool\'s own connections'
complete -c kubectl-redis -n "__fish_kubectl_redis_needs_command" -f -a "report" -d 'Write a support bundle: Kubernetes objects, every node\'s INFO, CONFIG (secrets redacted), SLOWLOG, check, journals, logs'
complete -c kubectl-redis -n "__fish_kubectl_redis_needs_command" -f -a "fix" -d 'Repair what check finds: open slots, uncovered slots, ghost nodes, broken replica links'
complete -c kubectl-redis -n "__fish_kubectl_redis_needs_command" -f -a "sandbox" -d 'Start, list and stop local sandboxes of server processes'
complete -c kubectl-redis -n "__fish_kubectl_redis_needs_command" -f -a "demo" -d 'Show the main job on a throw-away sandbox: create, load keys, check, add and remove nodes'
complete -c kubectl-redis -n "__fish_kubectl_redis_needs_command" -f -a "sample-keys" -d 'Write or verify deterministic sample keys (for benchmarks and demos)'
complete -c kubectl-redis -n "__fish_kubectl_redis_needs_command" -f -a "generate" -d 'Print the RBAC manifests the tool needs (`generate rbac`); without a subcommand write completions and man pages'
complete -c kubectl-redis -n "__fish_kubectl_redis_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand create" -s l -l selector -d 'Target the pods matching this label selector instead of a StatefulSet, e.g. app=redis' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand create" -s n -l namespace -d 'Namespace of the StatefulSet or pods (default: the kubeconfig context\'s)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand create" -l kubeconfig -d 'Kubeconfig file (default: $KUBECONFIG, which may list several files, then ~/.kube/config, then in-cluster)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand create" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand create" -l password-secret -d 'Secret holding the Redis password (default: the one the pod template\'s REDIS_PASSWORD, REDISCLI_AUTH or VALKEY_PASSWORD comes from)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand create" -l connect -d 'How to reach the pods: auto (direct inside a cluster, else port-forward), direct, port-forward' -r -f -a "auto\t'Direct inside a cluster (in-cluster configuration), port-forward elsewhere'
direct\t'Dial pod IPs'
port-forward\t'Through the API server (pods/portforward over WebSocket)'"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand create" -l sandbox -d 'Target a local sandbox (default name: default)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand create" -l nodes -d 'Target nodes HOST:PORT[,HOST:PORT…]: for create the nodes to form the cluster, otherwise entry nodes' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand create" -l sentinels -d 'Sentinels watching the members: the target is a Sentinel group. With --nodes their HOST:PORT[,…]; on Kubernetes their own workload: sts/NAME, deploy/NAME or a label selector' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand create" -l master-name -d 'The master name the sentinels monitor (default: the only one they monitor; create: mymaster)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand create" -l sentinel-password-secret -d 'Sentinel group on Kubernetes: the Secret holding the sentinels\' own password' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand create" -l replicas -d 'Replicas per master' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand create" -l quorum -d 'Sentinel group: how many sentinels must agree that the master is down (default: their majority)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand create" -l wait-timeout -d 'How long to wait for the nodes to agree, e.g. 60s' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand create" -l wait -d 'What to wait for before the final check: synced (every replica has finished its first sync, so check passes) or serving (every node serves; replicas still syncing are reported)' -r -f -a "synced\t''
serving\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand create" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t'The table with more columns (full IDs, epochs, server versions)'
json\t''
yaml\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand create" -l timeout -d 'Time limit for every network call, e.g. 500ms, 5s, 2m' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand create" -l color -d 'When to color the output (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand create" -l concurrency -d 'Nodes asked at once while reading the cluster' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand create" -l views -d 'How to read the nodes\' views of the cluster: full (every node\'s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)' -r -f -a "full\t''
digest\t''
auto\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand create" -l redis-user -d 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret); --user is kept as an alias, though for kubectl --user names the kubeconfig user' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand create" -l password-file -d 'Read the password from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand create" -l sentinel-password-file -d 'Sentinel group: the sentinels\' own password (requirepass of the sentinels), from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand create" -l cacert -d 'CA certificate (PEM) to verify the servers' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand create" -l tls-cert -l cert -d 'Client certificate (PEM) for mutual TLS (--cert is kept as an alias)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand create" -l tls-key -d 'Client private key (PEM) for mutual TLS (`cli --key` names a Redis key)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand create" -l tls-server-name -d 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node\'s address or, on Kubernetes, its pod\'s DNS names is accepted' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand create" -l force -d 'Allow fewer than 3 masters (a Sentinel group: fewer than 3 sentinels)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand create" -l sentinel -d 'Form a Sentinel group (--nodes members, the first the master; --sentinels) instead of a cluster'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand create" -s y -l yes -d 'Do not ask for confirmation (required to change a cluster without a terminal)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand create" -l dry-run -d 'Print the plan and change nothing'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand create" -s v -l verbose -d 'More detail (repeatable; -vv adds where the time went)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand create" -l ask-password -d 'Ask for the password on the terminal'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand create" -l tls -d 'Connect with TLS'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand create" -l insecure -d 'Do not verify the servers\' certificates (prints a warning)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand create" -s V -l version -d 'Print version'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -s l -l selector -d 'Target the pods matching this label selector instead of a StatefulSet, e.g. app=redis' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -s n -l namespace -d 'Namespace of the StatefulSet or pods (default: the kubeconfig context\'s)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -l kubeconfig -d 'Kubeconfig file (default: $KUBECONFIG, which may list several files, then ~/.kube/config, then in-cluster)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -l password-secret -d 'Secret holding the Redis password (default: the one the pod template\'s REDIS_PASSWORD, REDISCLI_AUTH or VALKEY_PASSWORD comes from)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -l connect -d 'How to reach the pods: auto (direct inside a cluster, else port-forward), direct, port-forward' -r -f -a "auto\t'Direct inside a cluster (in-cluster configuration), port-forward elsewhere'
direct\t'Dial pod IPs'
port-forward\t'Through the API server (pods/portforward over WebSocket)'"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -l sandbox -d 'Target a local sandbox (default name: default)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -l nodes -d 'Target nodes HOST:PORT[,HOST:PORT…]: for create the nodes to form the cluster, otherwise entry nodes' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -l sentinels -d 'Sentinels watching the members: the target is a Sentinel group. With --nodes their HOST:PORT[,…]; on Kubernetes their own workload: sts/NAME, deploy/NAME or a label selector' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -l master-name -d 'The master name the sentinels monitor (default: the only one they monitor; create: mymaster)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -l sentinel-password-secret -d 'Sentinel group on Kubernetes: the Secret holding the sentinels\' own password' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -l interval -d 'Time between two readings with --watch, e.g. 2s, 500ms' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -l max-lag -d 'Sentinel group: bytes a replica may trail its master before it is a warning' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -l migration -d 'How slots move' -r -f -a "auto\t'Atomic where every involved node supports it, else legacy'
legacy\t'SETSLOT + MIGRATE batches (every server)'
atomic\t'Server-side CLUSTER MIGRATESLOTS (Valkey 9 and newer)'"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -l pace -d 'How hard moving presses on the nodes, i.e. what clients feel while slots move' -r -f -a "fast\t'Full speed; clients wait behind every MIGRATE batch (the fastest move)'
gentle\t'Each batch busies its nodes about 5 ms and is followed by a 7.5 ms pause (slowest, kindest)'
auto\t'Fast while no client sends commands; with clients, the busiest pace that leaves them 82-90% of their rate'"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -l parallel -d 'Moves from different sources that run at once (when paced, their batches take turns)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -l batch-keys -d 'Keys per MIGRATE batch (legacy)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -l batch-bytes -d 'Bytes per MIGRATE batch (legacy); a larger key goes alone with a longer timeout' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -l migrate-timeout -d 'MIGRATE\'s own I/O timeout per batch (legacy)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -l wait-timeout -d 'How long to wait for nodes to serve, know each other, agree, fail over and sync, e.g. 120s' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -l master -d 'Sentinel group: the member to keep as master when no majority of sentinels names one' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -l discard-writes-on -d 'Sentinel group: make this second master a replica although it holds writes (they are dropped; repeatable)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t'The table with more columns (full IDs, epochs, server versions)'
json\t''
yaml\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -l timeout -d 'Time limit for every network call, e.g. 500ms, 5s, 2m' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -l color -d 'When to color the output (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -l concurrency -d 'Nodes asked at once while reading the cluster' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -l views -d 'How to read the nodes\' views of the cluster: full (every node\'s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)' -r -f -a "full\t''
digest\t''
auto\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -l redis-user -d 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret); --user is kept as an alias, though for kubectl --user names the kubeconfig user' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -l password-file -d 'Read the password from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -l sentinel-password-file -d 'Sentinel group: the sentinels\' own password (requirepass of the sentinels), from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -l cacert -d 'CA certificate (PEM) to verify the servers' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -l tls-cert -l cert -d 'Client certificate (PEM) for mutual TLS (--cert is kept as an alias)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -l tls-key -d 'Client private key (PEM) for mutual TLS (`cli --key` names a Redis key)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -l tls-server-name -d 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node\'s address or, on Kubernetes, its pod\'s DNS names is accepted' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -l fix -d 'Show the repair plan for what is found, and apply it (same as `fix`)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -s w -l watch -d 'Read again every --interval until Ctrl-C: redrawn in place on a terminal, one JSON document per line with -o json'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -l replace -d 'Overwrite keys that exist on the target with other values (identical ones are always replaced)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -l force -d 'Sentinel group: repair with the sentinels that answer although they are no majority'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -s y -l yes -d 'Do not ask for confirmation (required to change a cluster without a terminal)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -l dry-run -d 'Print the plan and change nothing'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -s v -l verbose -d 'More detail (repeatable; -vv adds where the time went)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -l ask-password -d 'Ask for the password on the terminal'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -l tls -d 'Connect with TLS'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -l insecure -d 'Do not verify the servers\' certificates (prints a warning)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand check" -s V -l version -d 'Print version'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand status" -s l -l selector -d 'Target the pods matching this label selector instead of a StatefulSet, e.g. app=redis' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand status" -s n -l namespace -d 'Namespace of the StatefulSet or pods (default: the kubeconfig context\'s)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand status" -l kubeconfig -d 'Kubeconfig file (default: $KUBECONFIG, which may list several files, then ~/.kube/config, then in-cluster)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand status" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand status" -l password-secret -d 'Secret holding the Redis password (default: the one the pod template\'s REDIS_PASSWORD, REDISCLI_AUTH or VALKEY_PASSWORD comes from)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand status" -l connect -d 'How to reach the pods: auto (direct inside a cluster, else port-forward), direct, port-forward' -r -f -a "auto\t'Direct inside a cluster (in-cluster configuration), port-forward elsewhere'
direct\t'Dial pod IPs'
port-forward\t'Through the API server (pods/portforward over WebSocket)'"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand status" -l sandbox -d 'Target a local sandbox (default name: default)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand status" -l nodes -d 'Target nodes HOST:PORT[,HOST:PORT…]: for create the nodes to form the cluster, otherwise entry nodes' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand status" -l sentinels -d 'Sentinels watching the members: the target is a Sentinel group. With --nodes their HOST:PORT[,…]; on Kubernetes their own workload: sts/NAME, deploy/NAME or a label selector' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand status" -l master-name -d 'The master name the sentinels monitor (default: the only one they monitor; create: mymaster)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand status" -l sentinel-password-secret -d 'Sentinel group on Kubernetes: the Secret holding the sentinels\' own password' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand status" -l interval -d 'Time between two readings with --watch, e.g. 2s, 500ms' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand status" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t'The table with more columns (full IDs, epochs, server versions)'
json\t''
yaml\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand status" -l timeout -d 'Time limit for every network call, e.g. 500ms, 5s, 2m' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand status" -l color -d 'When to color the output (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand status" -l concurrency -d 'Nodes asked at once while reading the cluster' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand status" -l views -d 'How to read the nodes\' views of the cluster: full (every node\'s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)' -r -f -a "full\t''
digest\t''
auto\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand status" -l redis-user -d 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret); --user is kept as an alias, though for kubectl --user names the kubeconfig user' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand status" -l password-file -d 'Read the password from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand status" -l sentinel-password-file -d 'Sentinel group: the sentinels\' own password (requirepass of the sentinels), from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand status" -l cacert -d 'CA certificate (PEM) to verify the servers' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand status" -l tls-cert -l cert -d 'Client certificate (PEM) for mutual TLS (--cert is kept as an alias)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand status" -l tls-key -d 'Client private key (PEM) for mutual TLS (`cli --key` names a Redis key)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand status" -l tls-server-name -d 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node\'s address or, on Kubernetes, its pod\'s DNS names is accepted' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand status" -s w -l watch -d 'Read again every --interval until Ctrl-C: redrawn in place on a terminal, one JSON document per line with -o json'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand status" -s y -l yes -d 'Do not ask for confirmation (required to change a cluster without a terminal)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand status" -l dry-run -d 'Print the plan and change nothing'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand status" -s v -l verbose -d 'More detail (repeatable; -vv adds where the time went)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand status" -l ask-password -d 'Ask for the password on the terminal'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand status" -l tls -d 'Connect with TLS'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand status" -l insecure -d 'Do not verify the servers\' certificates (prints a warning)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand status" -s V -l version -d 'Print version'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand add-node" -s l -l selector -d 'Target the pods matching this label selector instead of a StatefulSet, e.g. app=redis' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand add-node" -s n -l namespace -d 'Namespace of the StatefulSet or pods (default: the kubeconfig context\'s)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand add-node" -l kubeconfig -d 'Kubeconfig file (default: $KUBECONFIG, which may list several files, then ~/.kube/config, then in-cluster)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand add-node" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand add-node" -l password-secret -d 'Secret holding the Redis password (default: the one the pod template\'s REDIS_PASSWORD, REDISCLI_AUTH or VALKEY_PASSWORD comes from)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand add-node" -l connect -d 'How to reach the pods: auto (direct inside a cluster, else port-forward), direct, port-forward' -r -f -a "auto\t'Direct inside a cluster (in-cluster configuration), port-forward elsewhere'
direct\t'Dial pod IPs'
port-forward\t'Through the API server (pods/portforward over WebSocket)'"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand add-node" -l sandbox -d 'Target a local sandbox (default name: default)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand add-node" -l nodes -d 'Target nodes HOST:PORT[,HOST:PORT…]: for create the nodes to form the cluster, otherwise entry nodes' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand add-node" -l sentinels -d 'Sentinels watching the members: the target is a Sentinel group. With --nodes their HOST:PORT[,…]; on Kubernetes their own workload: sts/NAME, deploy/NAME or a label selector' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand add-node" -l master-name -d 'The master name the sentinels monitor (default: the only one they monitor; create: mymaster)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand add-node" -l sentinel-password-secret -d 'Sentinel group on Kubernetes: the Secret holding the sentinels\' own password' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand add-node" -l replica-of -d 'Join as a replica of this master (pod name, ID, ID prefix or HOST:PORT)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand add-node" -l wait-timeout -d 'How long to wait for the node to learn the cluster (and a replica to sync), e.g. 60s' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand add-node" -l wait -d 'What to wait for before the final check: synced (every replica has finished its first sync, so check passes) or serving (every node serves; replicas still syncing are reported)' -r -f -a "synced\t''
serving\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand add-node" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t'The table with more columns (full IDs, epochs, server versions)'
json\t''
yaml\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand add-node" -l timeout -d 'Time limit for every network call, e.g. 500ms, 5s, 2m' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand add-node" -l color -d 'When to color the output (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand add-node" -l concurrency -d 'Nodes asked at once while reading the cluster' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand add-node" -l views -d 'How to read the nodes\' views of the cluster: full (every node\'s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)' -r -f -a "full\t''
digest\t''
auto\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand add-node" -l redis-user -d 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret); --user is kept as an alias, though for kubectl --user names the kubeconfig user' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand add-node" -l password-file -d 'Read the password from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand add-node" -l sentinel-password-file -d 'Sentinel group: the sentinels\' own password (requirepass of the sentinels), from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand add-node" -l cacert -d 'CA certificate (PEM) to verify the servers' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand add-node" -l tls-cert -l cert -d 'Client certificate (PEM) for mutual TLS (--cert is kept as an alias)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand add-node" -l tls-key -d 'Client private key (PEM) for mutual TLS (`cli --key` names a Redis key)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand add-node" -l tls-server-name -d 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node\'s address or, on Kubernetes, its pod\'s DNS names is accepted' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand add-node" -l replica -d 'Join as a replica of the master chosen by placement, then fewest replicas'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand add-node" -l sentinel -d 'Sentinel group: the node is a sentinel, to monitor the group (else a member, to join as a replica)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand add-node" -s y -l yes -d 'Do not ask for confirmation (required to change a cluster without a terminal)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand add-node" -l dry-run -d 'Print the plan and change nothing'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand add-node" -s v -l verbose -d 'More detail (repeatable; -vv adds where the time went)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand add-node" -l ask-password -d 'Ask for the password on the terminal'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand add-node" -l tls -d 'Connect with TLS'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand add-node" -l insecure -d 'Do not verify the servers\' certificates (prints a warning)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand add-node" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand add-node" -s V -l version -d 'Print version'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand del-node" -s l -l selector -d 'Target the pods matching this label selector instead of a StatefulSet, e.g. app=redis' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand del-node" -s n -l namespace -d 'Namespace of the StatefulSet or pods (default: the kubeconfig context\'s)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand del-node" -l kubeconfig -d 'Kubeconfig file (default: $KUBECONFIG, which may list several files, then ~/.kube/config, then in-cluster)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand del-node" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand del-node" -l password-secret -d 'Secret holding the Redis password (default: the one the pod template\'s REDIS_PASSWORD, REDISCLI_AUTH or VALKEY_PASSWORD comes from)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand del-node" -l connect -d 'How to reach the pods: auto (direct inside a cluster, else port-forward), direct, port-forward' -r -f -a "auto\t'Direct inside a cluster (in-cluster configuration), port-forward elsewhere'
direct\t'Dial pod IPs'
port-forward\t'Through the API server (pods/portforward over WebSocket)'"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand del-node" -l sandbox -d 'Target a local sandbox (default name: default)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand del-node" -l nodes -d 'Target nodes HOST:PORT[,HOST:PORT…]: for create the nodes to form the cluster, otherwise entry nodes' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand del-node" -l sentinels -d 'Sentinels watching the members: the target is a Sentinel group. With --nodes their HOST:PORT[,…]; on Kubernetes their own workload: sts/NAME, deploy/NAME or a label selector' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand del-node" -l master-name -d 'The master name the sentinels monitor (default: the only one they monitor; create: mymaster)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand del-node" -l sentinel-password-secret -d 'Sentinel group on Kubernetes: the Secret holding the sentinels\' own password' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand del-node" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t'The table with more columns (full IDs, epochs, server versions)'
json\t''
yaml\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand del-node" -l timeout -d 'Time limit for every network call, e.g. 500ms, 5s, 2m' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand del-node" -l color -d 'When to color the output (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand del-node" -l concurrency -d 'Nodes asked at once while reading the cluster' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand del-node" -l views -d 'How to read the nodes\' views of the cluster: full (every node\'s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)' -r -f -a "full\t''
digest\t''
auto\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand del-node" -l redis-user -d 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret); --user is kept as an alias, though for kubectl --user names the kubeconfig user' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand del-node" -l password-file -d 'Read the password from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand del-node" -l sentinel-password-file -d 'Sentinel group: the sentinels\' own password (requirepass of the sentinels), from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand del-node" -l cacert -d 'CA certificate (PEM) to verify the servers' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand del-node" -l tls-cert -l cert -d 'Client certificate (PEM) for mutual TLS (--cert is kept as an alias)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand del-node" -l tls-key -d 'Client private key (PEM) for mutual TLS (`cli --key` names a Redis key)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand del-node" -l tls-server-name -d 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node\'s address or, on Kubernetes, its pod\'s DNS names is accepted' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand del-node" -l force -d 'Remove even when another node is unreachable and cannot forget it (a Sentinel group: even when fewer than 3 sentinels, or fewer than the quorum, stay)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand del-node" -l sentinel -d 'Sentinel group: the node is a sentinel, to stop monitoring the group (else a replica, to leave it)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand del-node" -s y -l yes -d 'Do not ask for confirmation (required to change a cluster without a terminal)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand del-node" -l dry-run -d 'Print the plan and change nothing'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand del-node" -s v -l verbose -d 'More detail (repeatable; -vv adds where the time went)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand del-node" -l ask-password -d 'Ask for the password on the terminal'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand del-node" -l tls -d 'Connect with TLS'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand del-node" -l insecure -d 'Do not verify the servers\' certificates (prints a warning)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand del-node" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand del-node" -s V -l version -d 'Print version'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -s l -l selector -d 'Target the pods matching this label selector instead of a StatefulSet, e.g. app=redis' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -s n -l namespace -d 'Namespace of the StatefulSet or pods (default: the kubeconfig context\'s)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -l kubeconfig -d 'Kubeconfig file (default: $KUBECONFIG, which may list several files, then ~/.kube/config, then in-cluster)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -l password-secret -d 'Secret holding the Redis password (default: the one the pod template\'s REDIS_PASSWORD, REDISCLI_AUTH or VALKEY_PASSWORD comes from)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -l connect -d 'How to reach the pods: auto (direct inside a cluster, else port-forward), direct, port-forward' -r -f -a "auto\t'Direct inside a cluster (in-cluster configuration), port-forward elsewhere'
direct\t'Dial pod IPs'
port-forward\t'Through the API server (pods/portforward over WebSocket)'"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -l sandbox -d 'Target a local sandbox (default name: default)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -l nodes -d 'Target nodes HOST:PORT[,HOST:PORT…]: for create the nodes to form the cluster, otherwise entry nodes' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -l sentinels -d 'Sentinels watching the members: the target is a Sentinel group. With --nodes their HOST:PORT[,…]; on Kubernetes their own workload: sts/NAME, deploy/NAME or a label selector' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -l master-name -d 'The master name the sentinels monitor (default: the only one they monitor; create: mymaster)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -l sentinel-password-secret -d 'Sentinel group on Kubernetes: the Secret holding the sentinels\' own password' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -l from -d 'Source masters (pod name, ID, ID prefix or HOST:PORT), or `all` for every other master that owns slots' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -l to -d 'The master that receives the slots (pod name, ID, ID prefix or HOST:PORT)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -l slots -d 'How many slots to move (exactly; an error if the sources own fewer)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -l migration -d 'How slots move' -r -f -a "auto\t'Atomic where every involved node supports it, else legacy'
legacy\t'SETSLOT + MIGRATE batches (every server)'
atomic\t'Server-side CLUSTER MIGRATESLOTS (Valkey 9 and newer)'"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -l pace -d 'How hard moving presses on the nodes, i.e. what clients feel while slots move' -r -f -a "fast\t'Full speed; clients wait behind every MIGRATE batch (the fastest move)'
gentle\t'Each batch busies its nodes about 5 ms and is followed by a 7.5 ms pause (slowest, kindest)'
auto\t'Fast while no client sends commands; with clients, the busiest pace that leaves them 82-90% of their rate'"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -l parallel -d 'Moves from different sources that run at once (when paced, their batches take turns)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -l batch-keys -d 'Keys per MIGRATE batch (legacy)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -l batch-bytes -d 'Bytes per MIGRATE batch (legacy); a larger key goes alone with a longer timeout' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -l migrate-timeout -d 'MIGRATE\'s own I/O timeout per batch (legacy)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -l wait-timeout -d 'How long to wait for nodes to serve, know each other, agree, fail over and sync, e.g. 120s' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t'The table with more columns (full IDs, epochs, server versions)'
json\t''
yaml\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -l timeout -d 'Time limit for every network call, e.g. 500ms, 5s, 2m' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -l color -d 'When to color the output (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -l concurrency -d 'Nodes asked at once while reading the cluster' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -l views -d 'How to read the nodes\' views of the cluster: full (every node\'s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)' -r -f -a "full\t''
digest\t''
auto\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -l redis-user -d 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret); --user is kept as an alias, though for kubectl --user names the kubeconfig user' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -l password-file -d 'Read the password from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -l sentinel-password-file -d 'Sentinel group: the sentinels\' own password (requirepass of the sentinels), from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -l cacert -d 'CA certificate (PEM) to verify the servers' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -l tls-cert -l cert -d 'Client certificate (PEM) for mutual TLS (--cert is kept as an alias)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -l tls-key -d 'Client private key (PEM) for mutual TLS (`cli --key` names a Redis key)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -l tls-server-name -d 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node\'s address or, on Kubernetes, its pod\'s DNS names is accepted' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -l replace -d 'Overwrite keys that exist on the target with other values (identical ones are always replaced)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -s y -l yes -d 'Do not ask for confirmation (required to change a cluster without a terminal)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -l dry-run -d 'Print the plan and change nothing'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -s v -l verbose -d 'More detail (repeatable; -vv adds where the time went)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -l ask-password -d 'Ask for the password on the terminal'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -l tls -d 'Connect with TLS'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -l insecure -d 'Do not verify the servers\' certificates (prints a warning)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand reshard" -s V -l version -d 'Print version'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -s l -l selector -d 'Target the pods matching this label selector instead of a StatefulSet, e.g. app=redis' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -s n -l namespace -d 'Namespace of the StatefulSet or pods (default: the kubeconfig context\'s)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -l kubeconfig -d 'Kubeconfig file (default: $KUBECONFIG, which may list several files, then ~/.kube/config, then in-cluster)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -l password-secret -d 'Secret holding the Redis password (default: the one the pod template\'s REDIS_PASSWORD, REDISCLI_AUTH or VALKEY_PASSWORD comes from)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -l connect -d 'How to reach the pods: auto (direct inside a cluster, else port-forward), direct, port-forward' -r -f -a "auto\t'Direct inside a cluster (in-cluster configuration), port-forward elsewhere'
direct\t'Dial pod IPs'
port-forward\t'Through the API server (pods/portforward over WebSocket)'"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -l sandbox -d 'Target a local sandbox (default name: default)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -l nodes -d 'Target nodes HOST:PORT[,HOST:PORT…]: for create the nodes to form the cluster, otherwise entry nodes' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -l sentinels -d 'Sentinels watching the members: the target is a Sentinel group. With --nodes their HOST:PORT[,…]; on Kubernetes their own workload: sts/NAME, deploy/NAME or a label selector' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -l master-name -d 'The master name the sentinels monitor (default: the only one they monitor; create: mymaster)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -l sentinel-password-secret -d 'Sentinel group on Kubernetes: the Secret holding the sentinels\' own password' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -l weight -d 'A master\'s weight, NODE=W (repeatable; default 1; 0 drains the master)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -l threshold -d 'Only rebalance when some master is off its share by more than PCT percent (0: any difference)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -l migration -d 'How slots move' -r -f -a "auto\t'Atomic where every involved node supports it, else legacy'
legacy\t'SETSLOT + MIGRATE batches (every server)'
atomic\t'Server-side CLUSTER MIGRATESLOTS (Valkey 9 and newer)'"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -l pace -d 'How hard moving presses on the nodes, i.e. what clients feel while slots move' -r -f -a "fast\t'Full speed; clients wait behind every MIGRATE batch (the fastest move)'
gentle\t'Each batch busies its nodes about 5 ms and is followed by a 7.5 ms pause (slowest, kindest)'
auto\t'Fast while no client sends commands; with clients, the busiest pace that leaves them 82-90% of their rate'"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -l parallel -d 'Moves from different sources that run at once (when paced, their batches take turns)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -l batch-keys -d 'Keys per MIGRATE batch (legacy)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -l batch-bytes -d 'Bytes per MIGRATE batch (legacy); a larger key goes alone with a longer timeout' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -l migrate-timeout -d 'MIGRATE\'s own I/O timeout per batch (legacy)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -l wait-timeout -d 'How long to wait for nodes to serve, know each other, agree, fail over and sync, e.g. 120s' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t'The table with more columns (full IDs, epochs, server versions)'
json\t''
yaml\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -l timeout -d 'Time limit for every network call, e.g. 500ms, 5s, 2m' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -l color -d 'When to color the output (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -l concurrency -d 'Nodes asked at once while reading the cluster' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -l views -d 'How to read the nodes\' views of the cluster: full (every node\'s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)' -r -f -a "full\t''
digest\t''
auto\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -l redis-user -d 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret); --user is kept as an alias, though for kubectl --user names the kubeconfig user' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -l password-file -d 'Read the password from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -l sentinel-password-file -d 'Sentinel group: the sentinels\' own password (requirepass of the sentinels), from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -l cacert -d 'CA certificate (PEM) to verify the servers' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -l tls-cert -l cert -d 'Client certificate (PEM) for mutual TLS (--cert is kept as an alias)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -l tls-key -d 'Client private key (PEM) for mutual TLS (`cli --key` names a Redis key)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -l tls-server-name -d 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node\'s address or, on Kubernetes, its pod\'s DNS names is accepted' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -l use-empty-masters -d 'Give slots to masters that own none'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -l replace -d 'Overwrite keys that exist on the target with other values (identical ones are always replaced)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -s y -l yes -d 'Do not ask for confirmation (required to change a cluster without a terminal)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -l dry-run -d 'Print the plan and change nothing'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -s v -l verbose -d 'More detail (repeatable; -vv adds where the time went)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -l ask-password -d 'Ask for the password on the terminal'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -l tls -d 'Connect with TLS'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -l insecure -d 'Do not verify the servers\' certificates (prints a warning)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand rebalance" -s V -l version -d 'Print version'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -s l -l selector -d 'Target the pods matching this label selector instead of a StatefulSet, e.g. app=redis' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -s n -l namespace -d 'Namespace of the StatefulSet or pods (default: the kubeconfig context\'s)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -l kubeconfig -d 'Kubeconfig file (default: $KUBECONFIG, which may list several files, then ~/.kube/config, then in-cluster)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -l password-secret -d 'Secret holding the Redis password (default: the one the pod template\'s REDIS_PASSWORD, REDISCLI_AUTH or VALKEY_PASSWORD comes from)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -l connect -d 'How to reach the pods: auto (direct inside a cluster, else port-forward), direct, port-forward' -r -f -a "auto\t'Direct inside a cluster (in-cluster configuration), port-forward elsewhere'
direct\t'Dial pod IPs'
port-forward\t'Through the API server (pods/portforward over WebSocket)'"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -l sandbox -d 'Target a local sandbox (default name: default)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -l nodes -d 'Target nodes HOST:PORT[,HOST:PORT…]: for create the nodes to form the cluster, otherwise entry nodes' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -l sentinels -d 'Sentinels watching the members: the target is a Sentinel group. With --nodes their HOST:PORT[,…]; on Kubernetes their own workload: sts/NAME, deploy/NAME or a label selector' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -l master-name -d 'The master name the sentinels monitor (default: the only one they monitor; create: mymaster)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -l sentinel-password-secret -d 'Sentinel group on Kubernetes: the Secret holding the sentinels\' own password' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -l masters -d 'Masters after the resize (a cluster; a Sentinel group has one)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -l replicas -d 'Replicas per master after the resize (default: as now)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -l discard-data-on -d 'A member that remembers another cluster and holds slots or keys may be emptied so it can join (repeatable; --yes alone never allows it)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -l sentinel-count -d 'Sentinel group whose sentinels run apart: how many sentinels after the resize' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -l wait -d 'What to wait for before the final check: synced (every replica has finished its first sync, so check passes) or serving (every node serves; replicas still syncing are reported)' -r -f -a "synced\t''
serving\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -l migration -d 'How slots move' -r -f -a "auto\t'Atomic where every involved node supports it, else legacy'
legacy\t'SETSLOT + MIGRATE batches (every server)'
atomic\t'Server-side CLUSTER MIGRATESLOTS (Valkey 9 and newer)'"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -l pace -d 'How hard moving presses on the nodes, i.e. what clients feel while slots move' -r -f -a "fast\t'Full speed; clients wait behind every MIGRATE batch (the fastest move)'
gentle\t'Each batch busies its nodes about 5 ms and is followed by a 7.5 ms pause (slowest, kindest)'
auto\t'Fast while no client sends commands; with clients, the busiest pace that leaves them 82-90% of their rate'"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -l parallel -d 'Moves from different sources that run at once (when paced, their batches take turns)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -l batch-keys -d 'Keys per MIGRATE batch (legacy)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -l batch-bytes -d 'Bytes per MIGRATE batch (legacy); a larger key goes alone with a longer timeout' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -l migrate-timeout -d 'MIGRATE\'s own I/O timeout per batch (legacy)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -l wait-timeout -d 'How long to wait for nodes to serve, know each other, agree, fail over and sync, e.g. 120s' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t'The table with more columns (full IDs, epochs, server versions)'
json\t''
yaml\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -l timeout -d 'Time limit for every network call, e.g. 500ms, 5s, 2m' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -l color -d 'When to color the output (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -l concurrency -d 'Nodes asked at once while reading the cluster' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -l views -d 'How to read the nodes\' views of the cluster: full (every node\'s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)' -r -f -a "full\t''
digest\t''
auto\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -l redis-user -d 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret); --user is kept as an alias, though for kubectl --user names the kubeconfig user' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -l password-file -d 'Read the password from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -l sentinel-password-file -d 'Sentinel group: the sentinels\' own password (requirepass of the sentinels), from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -l cacert -d 'CA certificate (PEM) to verify the servers' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -l tls-cert -l cert -d 'Client certificate (PEM) for mutual TLS (--cert is kept as an alias)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -l tls-key -d 'Client private key (PEM) for mutual TLS (`cli --key` names a Redis key)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -l tls-server-name -d 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node\'s address or, on Kubernetes, its pod\'s DNS names is accepted' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -l force -d 'Allow fewer than 3 masters'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -l delete-storage -d 'Also delete the storage (data directory, claims) of removed members'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -l replace -d 'Overwrite keys that exist on the target with other values (identical ones are always replaced)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -s y -l yes -d 'Do not ask for confirmation (required to change a cluster without a terminal)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -l dry-run -d 'Print the plan and change nothing'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -s v -l verbose -d 'More detail (repeatable; -vv adds where the time went)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -l ask-password -d 'Ask for the password on the terminal'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -l tls -d 'Connect with TLS'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -l insecure -d 'Do not verify the servers\' certificates (prints a warning)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand scale" -s V -l version -d 'Print version'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand failover" -s l -l selector -d 'Target the pods matching this label selector instead of a StatefulSet, e.g. app=redis' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand failover" -s n -l namespace -d 'Namespace of the StatefulSet or pods (default: the kubeconfig context\'s)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand failover" -l kubeconfig -d 'Kubeconfig file (default: $KUBECONFIG, which may list several files, then ~/.kube/config, then in-cluster)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand failover" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand failover" -l password-secret -d 'Secret holding the Redis password (default: the one the pod template\'s REDIS_PASSWORD, REDISCLI_AUTH or VALKEY_PASSWORD comes from)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand failover" -l connect -d 'How to reach the pods: auto (direct inside a cluster, else port-forward), direct, port-forward' -r -f -a "auto\t'Direct inside a cluster (in-cluster configuration), port-forward elsewhere'
direct\t'Dial pod IPs'
port-forward\t'Through the API server (pods/portforward over WebSocket)'"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand failover" -l sandbox -d 'Target a local sandbox (default name: default)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand failover" -l nodes -d 'Target nodes HOST:PORT[,HOST:PORT…]: for create the nodes to form the cluster, otherwise entry nodes' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand failover" -l sentinels -d 'Sentinels watching the members: the target is a Sentinel group. With --nodes their HOST:PORT[,…]; on Kubernetes their own workload: sts/NAME, deploy/NAME or a label selector' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand failover" -l master-name -d 'The master name the sentinels monitor (default: the only one they monitor; create: mymaster)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand failover" -l sentinel-password-secret -d 'Sentinel group on Kubernetes: the Secret holding the sentinels\' own password' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand failover" -l shard -d 'A cluster: the shard to fail over, named by any of its members (its master or a replica)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand failover" -l to -d 'The replica to promote (a Sentinel group: default the one Sentinel picks among those in sync; a cluster: default the linked replica with the least lag)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand failover" -l max-lag -d 'Refuse when the replica to promote trails the master by more than this' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand failover" -l pause-limit -d 'Longest time writes stay paused on the old master while the replica catches up and takes over' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand failover" -l wait-timeout -d 'How long to wait for the sentinels to agree on the new master, e.g. 60s' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand failover" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t'The table with more columns (full IDs, epochs, server versions)'
json\t''
yaml\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand failover" -l timeout -d 'Time limit for every network call, e.g. 500ms, 5s, 2m' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand failover" -l color -d 'When to color the output (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand failover" -l concurrency -d 'Nodes asked at once while reading the cluster' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand failover" -l views -d 'How to read the nodes\' views of the cluster: full (every node\'s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)' -r -f -a "full\t''
digest\t''
auto\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand failover" -l redis-user -d 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret); --user is kept as an alias, though for kubectl --user names the kubeconfig user' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand failover" -l password-file -d 'Read the password from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand failover" -l sentinel-password-file -d 'Sentinel group: the sentinels\' own password (requirepass of the sentinels), from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand failover" -l cacert -d 'CA certificate (PEM) to verify the servers' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand failover" -l tls-cert -l cert -d 'Client certificate (PEM) for mutual TLS (--cert is kept as an alias)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand failover" -l tls-key -d 'Client private key (PEM) for mutual TLS (`cli --key` names a Redis key)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand failover" -l tls-server-name -d 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node\'s address or, on Kubernetes, its pod\'s DNS names is accepted' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand failover" -l force -d 'A cluster whose master no longer answers: promote without it (CLUSTER FAILOVER FORCE; refused while it answers)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand failover" -l takeover -d 'Like --force, without even the other masters\' vote (CLUSTER FAILOVER TAKEOVER; refused while the master answers)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand failover" -s y -l yes -d 'Do not ask for confirmation (required to change a cluster without a terminal)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand failover" -l dry-run -d 'Print the plan and change nothing'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand failover" -s v -l verbose -d 'More detail (repeatable; -vv adds where the time went)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand failover" -l ask-password -d 'Ask for the password on the terminal'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand failover" -l tls -d 'Connect with TLS'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand failover" -l insecure -d 'Do not verify the servers\' certificates (prints a warning)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand failover" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand failover" -s V -l version -d 'Print version'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand restart" -s l -l selector -d 'Target the pods matching this label selector instead of a StatefulSet, e.g. app=redis' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand restart" -s n -l namespace -d 'Namespace of the StatefulSet or pods (default: the kubeconfig context\'s)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand restart" -l kubeconfig -d 'Kubeconfig file (default: $KUBECONFIG, which may list several files, then ~/.kube/config, then in-cluster)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand restart" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand restart" -l password-secret -d 'Secret holding the Redis password (default: the one the pod template\'s REDIS_PASSWORD, REDISCLI_AUTH or VALKEY_PASSWORD comes from)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand restart" -l connect -d 'How to reach the pods: auto (direct inside a cluster, else port-forward), direct, port-forward' -r -f -a "auto\t'Direct inside a cluster (in-cluster configuration), port-forward elsewhere'
direct\t'Dial pod IPs'
port-forward\t'Through the API server (pods/portforward over WebSocket)'"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand restart" -l sandbox -d 'Target a local sandbox (default name: default)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand restart" -l nodes -d 'Target nodes HOST:PORT[,HOST:PORT…]: for create the nodes to form the cluster, otherwise entry nodes' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand restart" -l sentinels -d 'Sentinels watching the members: the target is a Sentinel group. With --nodes their HOST:PORT[,…]; on Kubernetes their own workload: sts/NAME, deploy/NAME or a label selector' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand restart" -l master-name -d 'The master name the sentinels monitor (default: the only one they monitor; create: mymaster)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand restart" -l sentinel-password-secret -d 'Sentinel group on Kubernetes: the Secret holding the sentinels\' own password' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand restart" -l image -d 'Roll out this image: set it in the pod template (the StatefulSet must have updateStrategy OnDelete) and restart the members that do not run it yet; on a sandbox a server binary' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand restart" -l max-lag -d 'A replica further behind its master than this is not in sync (not handed over to; not done restarting)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand restart" -l wait-timeout -d 'How long each member gets to serve again, and each failover to happen, e.g. 120s' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand restart" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t'The table with more columns (full IDs, epochs, server versions)'
json\t''
yaml\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand restart" -l timeout -d 'Time limit for every network call, e.g. 500ms, 5s, 2m' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand restart" -l color -d 'When to color the output (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand restart" -l concurrency -d 'Nodes asked at once while reading the cluster' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand restart" -l views -d 'How to read the nodes\' views of the cluster: full (every node\'s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)' -r -f -a "full\t''
digest\t''
auto\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand restart" -l redis-user -d 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret); --user is kept as an alias, though for kubectl --user names the kubeconfig user' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand restart" -l password-file -d 'Read the password from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand restart" -l sentinel-password-file -d 'Sentinel group: the sentinels\' own password (requirepass of the sentinels), from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand restart" -l cacert -d 'CA certificate (PEM) to verify the servers' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand restart" -l tls-cert -l cert -d 'Client certificate (PEM) for mutual TLS (--cert is kept as an alias)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand restart" -l tls-key -d 'Client private key (PEM) for mutual TLS (`cli --key` names a Redis key)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand restart" -l tls-server-name -d 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node\'s address or, on Kubernetes, its pod\'s DNS names is accepted' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand restart" -l allow-unavailable -d 'Restart a master that has no in-sync replica too: its shard takes no writes meanwhile'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand restart" -s y -l yes -d 'Do not ask for confirmation (required to change a cluster without a terminal)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand restart" -l dry-run -d 'Print the plan and change nothing'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand restart" -s v -l verbose -d 'More detail (repeatable; -vv adds where the time went)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand restart" -l ask-password -d 'Ask for the password on the terminal'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand restart" -l tls -d 'Connect with TLS'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand restart" -l insecure -d 'Do not verify the servers\' certificates (prints a warning)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand restart" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand restart" -s V -l version -d 'Print version'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand drain-node" -s l -l selector -d 'Target the pods matching this label selector instead of a StatefulSet, e.g. app=redis' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand drain-node" -s n -l namespace -d 'Namespace of the StatefulSet or pods (default: the kubeconfig context\'s)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand drain-node" -l kubeconfig -d 'Kubeconfig file (default: $KUBECONFIG, which may list several files, then ~/.kube/config, then in-cluster)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand drain-node" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand drain-node" -l password-secret -d 'Secret holding the Redis password (default: the one the pod template\'s REDIS_PASSWORD, REDISCLI_AUTH or VALKEY_PASSWORD comes from)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand drain-node" -l connect -d 'How to reach the pods: auto (direct inside a cluster, else port-forward), direct, port-forward' -r -f -a "auto\t'Direct inside a cluster (in-cluster configuration), port-forward elsewhere'
direct\t'Dial pod IPs'
port-forward\t'Through the API server (pods/portforward over WebSocket)'"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand drain-node" -l sandbox -d 'Target a local sandbox (default name: default)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand drain-node" -l nodes -d 'Target nodes HOST:PORT[,HOST:PORT…]: for create the nodes to form the cluster, otherwise entry nodes' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand drain-node" -l sentinels -d 'Sentinels watching the members: the target is a Sentinel group. With --nodes their HOST:PORT[,…]; on Kubernetes their own workload: sts/NAME, deploy/NAME or a label selector' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand drain-node" -l master-name -d 'The master name the sentinels monitor (default: the only one they monitor; create: mymaster)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand drain-node" -l sentinel-password-secret -d 'Sentinel group on Kubernetes: the Secret holding the sentinels\' own password' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand drain-node" -l max-lag -d 'Refuse a replica that trails its master by more than this' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand drain-node" -l wait-timeout -d 'How long each failover may take, e.g. 60s' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand drain-node" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t'The table with more columns (full IDs, epochs, server versions)'
json\t''
yaml\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand drain-node" -l timeout -d 'Time limit for every network call, e.g. 500ms, 5s, 2m' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand drain-node" -l color -d 'When to color the output (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand drain-node" -l concurrency -d 'Nodes asked at once while reading the cluster' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand drain-node" -l views -d 'How to read the nodes\' views of the cluster: full (every node\'s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)' -r -f -a "full\t''
digest\t''
auto\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand drain-node" -l redis-user -d 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret); --user is kept as an alias, though for kubectl --user names the kubeconfig user' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand drain-node" -l password-file -d 'Read the password from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand drain-node" -l sentinel-password-file -d 'Sentinel group: the sentinels\' own password (requirepass of the sentinels), from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand drain-node" -l cacert -d 'CA certificate (PEM) to verify the servers' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand drain-node" -l tls-cert -l cert -d 'Client certificate (PEM) for mutual TLS (--cert is kept as an alias)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand drain-node" -l tls-key -d 'Client private key (PEM) for mutual TLS (`cli --key` names a Redis key)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand drain-node" -l tls-server-name -d 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node\'s address or, on Kubernetes, its pod\'s DNS names is accepted' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand drain-node" -s y -l yes -d 'Do not ask for confirmation (required to change a cluster without a terminal)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand drain-node" -l dry-run -d 'Print the plan and change nothing'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand drain-node" -s v -l verbose -d 'More detail (repeatable; -vv adds where the time went)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand drain-node" -l ask-password -d 'Ask for the password on the terminal'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand drain-node" -l tls -d 'Connect with TLS'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand drain-node" -l insecure -d 'Do not verify the servers\' certificates (prints a warning)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand drain-node" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand drain-node" -s V -l version -d 'Print version'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand call" -s l -l selector -d 'Target the pods matching this label selector instead of a StatefulSet, e.g. app=redis' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand call" -s n -l namespace -d 'Namespace of the StatefulSet or pods (default: the kubeconfig context\'s)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand call" -l kubeconfig -d 'Kubeconfig file (default: $KUBECONFIG, which may list several files, then ~/.kube/config, then in-cluster)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand call" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand call" -l password-secret -d 'Secret holding the Redis password (default: the one the pod template\'s REDIS_PASSWORD, REDISCLI_AUTH or VALKEY_PASSWORD comes from)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand call" -l connect -d 'How to reach the pods: auto (direct inside a cluster, else port-forward), direct, port-forward' -r -f -a "auto\t'Direct inside a cluster (in-cluster configuration), port-forward elsewhere'
direct\t'Dial pod IPs'
port-forward\t'Through the API server (pods/portforward over WebSocket)'"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand call" -l sandbox -d 'Target a local sandbox (default name: default)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand call" -l nodes -d 'Target nodes HOST:PORT[,HOST:PORT…]: for create the nodes to form the cluster, otherwise entry nodes' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand call" -l sentinels -d 'Sentinels watching the members: the target is a Sentinel group. With --nodes their HOST:PORT[,…]; on Kubernetes their own workload: sts/NAME, deploy/NAME or a label selector' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand call" -l master-name -d 'The master name the sentinels monitor (default: the only one they monitor; create: mymaster)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand call" -l sentinel-password-secret -d 'Sentinel group on Kubernetes: the Secret holding the sentinels\' own password' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand call" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t'The table with more columns (full IDs, epochs, server versions)'
json\t''
yaml\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand call" -l timeout -d 'Time limit for every network call, e.g. 500ms, 5s, 2m' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand call" -l color -d 'When to color the output (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand call" -l concurrency -d 'Nodes asked at once while reading the cluster' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand call" -l views -d 'How to read the nodes\' views of the cluster: full (every node\'s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)' -r -f -a "full\t''
digest\t''
auto\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand call" -l redis-user -d 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret); --user is kept as an alias, though for kubectl --user names the kubeconfig user' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand call" -l password-file -d 'Read the password from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand call" -l sentinel-password-file -d 'Sentinel group: the sentinels\' own password (requirepass of the sentinels), from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand call" -l cacert -d 'CA certificate (PEM) to verify the servers' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand call" -l tls-cert -l cert -d 'Client certificate (PEM) for mutual TLS (--cert is kept as an alias)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand call" -l tls-key -d 'Client private key (PEM) for mutual TLS (`cli --key` names a Redis key)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand call" -l tls-server-name -d 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node\'s address or, on Kubernetes, its pod\'s DNS names is accepted' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand call" -l masters -d 'Only the masters'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand call" -l replicas -d 'Only the replicas'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand call" -s y -l yes -d 'Do not ask for confirmation (required to change a cluster without a terminal)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand call" -l dry-run -d 'Print the plan and change nothing'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand call" -s v -l verbose -d 'More detail (repeatable; -vv adds where the time went)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand call" -l ask-password -d 'Ask for the password on the terminal'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand call" -l tls -d 'Connect with TLS'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand call" -l insecure -d 'Do not verify the servers\' certificates (prints a warning)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand call" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand call" -s V -l version -d 'Print version'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand cli" -s l -l selector -d 'Target the pods matching this label selector instead of a StatefulSet, e.g. app=redis' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand cli" -s n -l namespace -d 'Namespace of the StatefulSet or pods (default: the kubeconfig context\'s)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand cli" -l kubeconfig -d 'Kubeconfig file (default: $KUBECONFIG, which may list several files, then ~/.kube/config, then in-cluster)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand cli" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand cli" -l password-secret -d 'Secret holding the Redis password (default: the one the pod template\'s REDIS_PASSWORD, REDISCLI_AUTH or VALKEY_PASSWORD comes from)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand cli" -l connect -d 'How to reach the pods: auto (direct inside a cluster, else port-forward), direct, port-forward' -r -f -a "auto\t'Direct inside a cluster (in-cluster configuration), port-forward elsewhere'
direct\t'Dial pod IPs'
port-forward\t'Through the API server (pods/portforward over WebSocket)'"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand cli" -l sandbox -d 'Target a local sandbox (default name: default)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand cli" -l nodes -d 'Target nodes HOST:PORT[,HOST:PORT…]: for create the nodes to form the cluster, otherwise entry nodes' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand cli" -l sentinels -d 'Sentinels watching the members: the target is a Sentinel group. With --nodes their HOST:PORT[,…]; on Kubernetes their own workload: sts/NAME, deploy/NAME or a label selector' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand cli" -l master-name -d 'The master name the sentinels monitor (default: the only one they monitor; create: mymaster)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand cli" -l sentinel-password-secret -d 'Sentinel group on Kubernetes: the Secret holding the sentinels\' own password' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand cli" -l node -d 'Start on this member (pod name, node ID, HOST:PORT)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand cli" -l key -d 'Start on the master that owns this key\'s slot' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand cli" -l slot -d 'Start on the master that owns this slot' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand cli" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t'The table with more columns (full IDs, epochs, server versions)'
json\t''
yaml\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand cli" -l timeout -d 'Time limit for every network call, e.g. 500ms, 5s, 2m' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand cli" -l color -d 'When to color the output (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand cli" -l concurrency -d 'Nodes asked at once while reading the cluster' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand cli" -l views -d 'How to read the nodes\' views of the cluster: full (every node\'s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)' -r -f -a "full\t''
digest\t''
auto\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand cli" -l redis-user -d 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret); --user is kept as an alias, though for kubectl --user names the kubeconfig user' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand cli" -l password-file -d 'Read the password from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand cli" -l sentinel-password-file -d 'Sentinel group: the sentinels\' own password (requirepass of the sentinels), from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand cli" -l cacert -d 'CA certificate (PEM) to verify the servers' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand cli" -l tls-cert -l cert -d 'Client certificate (PEM) for mutual TLS (--cert is kept as an alias)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand cli" -l tls-key -d 'Client private key (PEM) for mutual TLS (`cli --key` names a Redis key)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand cli" -l tls-server-name -d 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node\'s address or, on Kubernetes, its pod\'s DNS names is accepted' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand cli" -l replica -d 'Start on a replica of that master instead (reads with READONLY)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand cli" -l exec -d 'Run redis-cli in the node\'s pod (the exec subresource) instead; the words after -- are its arguments'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand cli" -s y -l yes -d 'Do not ask for confirmation (required to change a cluster without a terminal)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand cli" -l dry-run -d 'Print the plan and change nothing'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand cli" -s v -l verbose -d 'More detail (repeatable; -vv adds where the time went)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand cli" -l ask-password -d 'Ask for the password on the terminal'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand cli" -l tls -d 'Connect with TLS'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand cli" -l insecure -d 'Do not verify the servers\' certificates (prints a warning)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand cli" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand cli" -s V -l version -d 'Print version'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand report" -s l -l selector -d 'Target the pods matching this label selector instead of a StatefulSet, e.g. app=redis' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand report" -s n -l namespace -d 'Namespace of the StatefulSet or pods (default: the kubeconfig context\'s)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand report" -l kubeconfig -d 'Kubeconfig file (default: $KUBECONFIG, which may list several files, then ~/.kube/config, then in-cluster)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand report" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand report" -l password-secret -d 'Secret holding the Redis password (default: the one the pod template\'s REDIS_PASSWORD, REDISCLI_AUTH or VALKEY_PASSWORD comes from)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand report" -l connect -d 'How to reach the pods: auto (direct inside a cluster, else port-forward), direct, port-forward' -r -f -a "auto\t'Direct inside a cluster (in-cluster configuration), port-forward elsewhere'
direct\t'Dial pod IPs'
port-forward\t'Through the API server (pods/portforward over WebSocket)'"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand report" -l sandbox -d 'Target a local sandbox (default name: default)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand report" -l nodes -d 'Target nodes HOST:PORT[,HOST:PORT…]: for create the nodes to form the cluster, otherwise entry nodes' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand report" -l sentinels -d 'Sentinels watching the members: the target is a Sentinel group. With --nodes their HOST:PORT[,…]; on Kubernetes their own workload: sts/NAME, deploy/NAME or a label selector' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand report" -l master-name -d 'The master name the sentinels monitor (default: the only one they monitor; create: mymaster)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand report" -l sentinel-password-secret -d 'Sentinel group on Kubernetes: the Secret holding the sentinels\' own password' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand report" -s f -l file -d 'The zip file to write; an existing file is refused (default: report-<target>-<UTC time>.zip here)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand report" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t'The table with more columns (full IDs, epochs, server versions)'
json\t''
yaml\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand report" -l timeout -d 'Time limit for every network call, e.g. 500ms, 5s, 2m' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand report" -l color -d 'When to color the output (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand report" -l concurrency -d 'Nodes asked at once while reading the cluster' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand report" -l views -d 'How to read the nodes\' views of the cluster: full (every node\'s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)' -r -f -a "full\t''
digest\t''
auto\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand report" -l redis-user -d 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret); --user is kept as an alias, though for kubectl --user names the kubeconfig user' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand report" -l password-file -d 'Read the password from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand report" -l sentinel-password-file -d 'Sentinel group: the sentinels\' own password (requirepass of the sentinels), from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand report" -l cacert -d 'CA certificate (PEM) to verify the servers' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand report" -l tls-cert -l cert -d 'Client certificate (PEM) for mutual TLS (--cert is kept as an alias)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand report" -l tls-key -d 'Client private key (PEM) for mutual TLS (`cli --key` names a Redis key)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand report" -l tls-server-name -d 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node\'s address or, on Kubernetes, its pod\'s DNS names is accepted' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand report" -l logs -d 'Also the servers\' logs: each pod container\'s current and previous log, a sandbox\'s log files'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand report" -s y -l yes -d 'Do not ask for confirmation (required to change a cluster without a terminal)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand report" -l dry-run -d 'Print the plan and change nothing'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand report" -s v -l verbose -d 'More detail (repeatable; -vv adds where the time went)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand report" -l ask-password -d 'Ask for the password on the terminal'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand report" -l tls -d 'Connect with TLS'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand report" -l insecure -d 'Do not verify the servers\' certificates (prints a warning)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand report" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand report" -s V -l version -d 'Print version'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -s l -l selector -d 'Target the pods matching this label selector instead of a StatefulSet, e.g. app=redis' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -s n -l namespace -d 'Namespace of the StatefulSet or pods (default: the kubeconfig context\'s)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -l kubeconfig -d 'Kubeconfig file (default: $KUBECONFIG, which may list several files, then ~/.kube/config, then in-cluster)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -l password-secret -d 'Secret holding the Redis password (default: the one the pod template\'s REDIS_PASSWORD, REDISCLI_AUTH or VALKEY_PASSWORD comes from)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -l connect -d 'How to reach the pods: auto (direct inside a cluster, else port-forward), direct, port-forward' -r -f -a "auto\t'Direct inside a cluster (in-cluster configuration), port-forward elsewhere'
direct\t'Dial pod IPs'
port-forward\t'Through the API server (pods/portforward over WebSocket)'"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -l sandbox -d 'Target a local sandbox (default name: default)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -l nodes -d 'Target nodes HOST:PORT[,HOST:PORT…]: for create the nodes to form the cluster, otherwise entry nodes' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -l sentinels -d 'Sentinels watching the members: the target is a Sentinel group. With --nodes their HOST:PORT[,…]; on Kubernetes their own workload: sts/NAME, deploy/NAME or a label selector' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -l master-name -d 'The master name the sentinels monitor (default: the only one they monitor; create: mymaster)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -l sentinel-password-secret -d 'Sentinel group on Kubernetes: the Secret holding the sentinels\' own password' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -l migration -d 'How slots move' -r -f -a "auto\t'Atomic where every involved node supports it, else legacy'
legacy\t'SETSLOT + MIGRATE batches (every server)'
atomic\t'Server-side CLUSTER MIGRATESLOTS (Valkey 9 and newer)'"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -l pace -d 'How hard moving presses on the nodes, i.e. what clients feel while slots move' -r -f -a "fast\t'Full speed; clients wait behind every MIGRATE batch (the fastest move)'
gentle\t'Each batch busies its nodes about 5 ms and is followed by a 7.5 ms pause (slowest, kindest)'
auto\t'Fast while no client sends commands; with clients, the busiest pace that leaves them 82-90% of their rate'"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -l parallel -d 'Moves from different sources that run at once (when paced, their batches take turns)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -l batch-keys -d 'Keys per MIGRATE batch (legacy)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -l batch-bytes -d 'Bytes per MIGRATE batch (legacy); a larger key goes alone with a longer timeout' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -l migrate-timeout -d 'MIGRATE\'s own I/O timeout per batch (legacy)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -l wait-timeout -d 'How long to wait for nodes to serve, know each other, agree, fail over and sync, e.g. 120s' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -l master -d 'Sentinel group: the member to keep as master when no majority of sentinels names one' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -l discard-writes-on -d 'Sentinel group: make this second master a replica although it holds writes (they are dropped; repeatable)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t'The table with more columns (full IDs, epochs, server versions)'
json\t''
yaml\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -l timeout -d 'Time limit for every network call, e.g. 500ms, 5s, 2m' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -l color -d 'When to color the output (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -l concurrency -d 'Nodes asked at once while reading the cluster' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -l views -d 'How to read the nodes\' views of the cluster: full (every node\'s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)' -r -f -a "full\t''
digest\t''
auto\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -l redis-user -d 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret); --user is kept as an alias, though for kubectl --user names the kubeconfig user' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -l password-file -d 'Read the password from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -l sentinel-password-file -d 'Sentinel group: the sentinels\' own password (requirepass of the sentinels), from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -l cacert -d 'CA certificate (PEM) to verify the servers' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -l tls-cert -l cert -d 'Client certificate (PEM) for mutual TLS (--cert is kept as an alias)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -l tls-key -d 'Client private key (PEM) for mutual TLS (`cli --key` names a Redis key)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -l tls-server-name -d 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node\'s address or, on Kubernetes, its pod\'s DNS names is accepted' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -l replace -d 'Overwrite keys that exist on the target with other values (identical ones are always replaced)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -l force -d 'Sentinel group: repair with the sentinels that answer although they are no majority'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -s y -l yes -d 'Do not ask for confirmation (required to change a cluster without a terminal)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -l dry-run -d 'Print the plan and change nothing'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -s v -l verbose -d 'More detail (repeatable; -vv adds where the time went)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -l ask-password -d 'Ask for the password on the terminal'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -l tls -d 'Connect with TLS'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -l insecure -d 'Do not verify the servers\' certificates (prints a warning)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand fix" -s V -l version -d 'Print version'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and not __fish_seen_subcommand_from up down scale restart status help" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t'The table with more columns (full IDs, epochs, server versions)'
json\t''
yaml\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and not __fish_seen_subcommand_from up down scale restart status help" -l timeout -d 'Time limit for every network call, e.g. 500ms, 5s, 2m' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and not __fish_seen_subcommand_from up down scale restart status help" -l color -d 'When to color the output (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and not __fish_seen_subcommand_from up down scale restart status help" -l concurrency -d 'Nodes asked at once while reading the cluster' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and not __fish_seen_subcommand_from up down scale restart status help" -l views -d 'How to read the nodes\' views of the cluster: full (every node\'s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)' -r -f -a "full\t''
digest\t''
auto\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and not __fish_seen_subcommand_from up down scale restart status help" -l redis-user -d 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret); --user is kept as an alias, though for kubectl --user names the kubeconfig user' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and not __fish_seen_subcommand_from up down scale restart status help" -l password-file -d 'Read the password from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and not __fish_seen_subcommand_from up down scale restart status help" -l sentinel-password-file -d 'Sentinel group: the sentinels\' own password (requirepass of the sentinels), from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and not __fish_seen_subcommand_from up down scale restart status help" -l cacert -d 'CA certificate (PEM) to verify the servers' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and not __fish_seen_subcommand_from up down scale restart status help" -l tls-cert -l cert -d 'Client certificate (PEM) for mutual TLS (--cert is kept as an alias)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and not __fish_seen_subcommand_from up down scale restart status help" -l tls-key -d 'Client private key (PEM) for mutual TLS (`cli --key` names a Redis key)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and not __fish_seen_subcommand_from up down scale restart status help" -l tls-server-name -d 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node\'s address or, on Kubernetes, its pod\'s DNS names is accepted' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and not __fish_seen_subcommand_from up down scale restart status help" -s y -l yes -d 'Do not ask for confirmation (required to change a cluster without a terminal)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and not __fish_seen_subcommand_from up down scale restart status help" -l dry-run -d 'Print the plan and change nothing'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and not __fish_seen_subcommand_from up down scale restart status help" -s v -l verbose -d 'More detail (repeatable; -vv adds where the time went)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and not __fish_seen_subcommand_from up down scale restart status help" -l ask-password -d 'Ask for the password on the terminal'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and not __fish_seen_subcommand_from up down scale restart status help" -l tls -d 'Connect with TLS'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and not __fish_seen_subcommand_from up down scale restart status help" -l insecure -d 'Do not verify the servers\' certificates (prints a warning)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and not __fish_seen_subcommand_from up down scale restart status help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and not __fish_seen_subcommand_from up down scale restart status help" -s V -l version -d 'Print version'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and not __fish_seen_subcommand_from up down scale restart status help" -f -a "up" -d 'Start a sandbox of empty cluster-enabled nodes (or grow, or restart stopped nodes)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and not __fish_seen_subcommand_from up down scale restart status help" -f -a "down" -d 'Stop a sandbox\'s servers and remove its state'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and not __fish_seen_subcommand_from up down scale restart status help" -f -a "scale" -d 'Grow or shrink a sandbox to N members, like `kubectl scale statefulset` (no cluster changes)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and not __fish_seen_subcommand_from up down scale restart status help" -f -a "restart" -d 'Restart members like deleted pods: they come back on their storage, with --new-ip under a new address'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and not __fish_seen_subcommand_from up down scale restart status help" -f -a "status" -d 'List a sandbox\'s nodes: addresses, pids, host and zone labels'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and not __fish_seen_subcommand_from up down scale restart status help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l name -d 'Sandbox name' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l nodes -d 'How many nodes' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l server -d 'Server binary (redis-server or valkey-server; default: $KUBECTL_REDIS_SERVER, then PATH)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l server-arg -d 'Extra server option for every node, e.g. --server-arg=--maxmemory=100mb (repeatable; kept for restarts)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l sentinels -d 'How many sentinels (default: one per member; with --separate, 3)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from up" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t'The table with more columns (full IDs, epochs, server versions)'
json\t''
yaml\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l timeout -d 'Time limit for every network call, e.g. 500ms, 5s, 2m' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l color -d 'When to color the output (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l concurrency -d 'Nodes asked at once while reading the cluster' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l views -d 'How to read the nodes\' views of the cluster: full (every node\'s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)' -r -f -a "full\t''
digest\t''
auto\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l redis-user -d 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret); --user is kept as an alias, though for kubectl --user names the kubeconfig user' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l password-file -d 'Read the password from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l sentinel-password-file -d 'Sentinel group: the sentinels\' own password (requirepass of the sentinels), from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l cacert -d 'CA certificate (PEM) to verify the servers' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l tls-cert -l cert -d 'Client certificate (PEM) for mutual TLS (--cert is kept as an alias)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l tls-key -d 'Client private key (PEM) for mutual TLS (`cli --key` names a Redis key)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l tls-server-name -d 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node\'s address or, on Kubernetes, its pod\'s DNS names is accepted' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l sentinel -d 'Standalone members watched by sentinels (a Sentinel group) instead of cluster nodes'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l separate -d 'Run the sentinels on addresses of their own (a separate workload) instead of beside each member'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from up" -s y -l yes -d 'Do not ask for confirmation (required to change a cluster without a terminal)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l dry-run -d 'Print the plan and change nothing'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from up" -s v -l verbose -d 'More detail (repeatable; -vv adds where the time went)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l ask-password -d 'Ask for the password on the terminal'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l tls -d 'Connect with TLS'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l insecure -d 'Do not verify the servers\' certificates (prints a warning)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from up" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from up" -s V -l version -d 'Print version'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from down" -l name -d 'Sandbox name' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from down" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t'The table with more columns (full IDs, epochs, server versions)'
json\t''
yaml\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from down" -l timeout -d 'Time limit for every network call, e.g. 500ms, 5s, 2m' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from down" -l color -d 'When to color the output (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from down" -l concurrency -d 'Nodes asked at once while reading the cluster' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from down" -l views -d 'How to read the nodes\' views of the cluster: full (every node\'s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)' -r -f -a "full\t''
digest\t''
auto\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from down" -l redis-user -d 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret); --user is kept as an alias, though for kubectl --user names the kubeconfig user' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from down" -l password-file -d 'Read the password from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from down" -l sentinel-password-file -d 'Sentinel group: the sentinels\' own password (requirepass of the sentinels), from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from down" -l cacert -d 'CA certificate (PEM) to verify the servers' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from down" -l tls-cert -l cert -d 'Client certificate (PEM) for mutual TLS (--cert is kept as an alias)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from down" -l tls-key -d 'Client private key (PEM) for mutual TLS (`cli --key` names a Redis key)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from down" -l tls-server-name -d 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node\'s address or, on Kubernetes, its pod\'s DNS names is accepted' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from down" -s y -l yes -d 'Do not ask for confirmation (required to change a cluster without a terminal)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from down" -l dry-run -d 'Print the plan and change nothing'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from down" -s v -l verbose -d 'More detail (repeatable; -vv adds where the time went)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from down" -l ask-password -d 'Ask for the password on the terminal'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from down" -l tls -d 'Connect with TLS'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from down" -l insecure -d 'Do not verify the servers\' certificates (prints a warning)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from down" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from down" -s V -l version -d 'Print version'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from scale" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t'The table with more columns (full IDs, epochs, server versions)'
json\t''
yaml\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from scale" -l timeout -d 'Time limit for every network call, e.g. 500ms, 5s, 2m' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from scale" -l color -d 'When to color the output (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from scale" -l concurrency -d 'Nodes asked at once while reading the cluster' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from scale" -l views -d 'How to read the nodes\' views of the cluster: full (every node\'s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)' -r -f -a "full\t''
digest\t''
auto\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from scale" -l redis-user -d 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret); --user is kept as an alias, though for kubectl --user names the kubeconfig user' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from scale" -l password-file -d 'Read the password from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from scale" -l sentinel-password-file -d 'Sentinel group: the sentinels\' own password (requirepass of the sentinels), from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from scale" -l cacert -d 'CA certificate (PEM) to verify the servers' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from scale" -l tls-cert -l cert -d 'Client certificate (PEM) for mutual TLS (--cert is kept as an alias)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from scale" -l tls-key -d 'Client private key (PEM) for mutual TLS (`cli --key` names a Redis key)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from scale" -l tls-server-name -d 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node\'s address or, on Kubernetes, its pod\'s DNS names is accepted' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from scale" -l delete-storage -d 'Delete the data directories of removed members'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from scale" -l sentinel -d 'N counts the sentinels of a sandbox started with --separate, not the members'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from scale" -s y -l yes -d 'Do not ask for confirmation (required to change a cluster without a terminal)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from scale" -l dry-run -d 'Print the plan and change nothing'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from scale" -s v -l verbose -d 'More detail (repeatable; -vv adds where the time went)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from scale" -l ask-password -d 'Ask for the password on the terminal'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from scale" -l tls -d 'Connect with TLS'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from scale" -l insecure -d 'Do not verify the servers\' certificates (prints a warning)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from scale" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from scale" -s V -l version -d 'Print version'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from restart" -l server -d 'Make this binary the sandbox\'s first (like a new image in a pod template): the members restarted run it, the others keep theirs' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from restart" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t'The table with more columns (full IDs, epochs, server versions)'
json\t''
yaml\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from restart" -l timeout -d 'Time limit for every network call, e.g. 500ms, 5s, 2m' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from restart" -l color -d 'When to color the output (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from restart" -l concurrency -d 'Nodes asked at once while reading the cluster' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from restart" -l views -d 'How to read the nodes\' views of the cluster: full (every node\'s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)' -r -f -a "full\t''
digest\t''
auto\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from restart" -l redis-user -d 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret); --user is kept as an alias, though for kubectl --user names the kubeconfig user' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from restart" -l password-file -d 'Read the password from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from restart" -l sentinel-password-file -d 'Sentinel group: the sentinels\' own password (requirepass of the sentinels), from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from restart" -l cacert -d 'CA certificate (PEM) to verify the servers' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from restart" -l tls-cert -l cert -d 'Client certificate (PEM) for mutual TLS (--cert is kept as an alias)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from restart" -l tls-key -d 'Client private key (PEM) for mutual TLS (`cli --key` names a Redis key)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from restart" -l tls-server-name -d 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node\'s address or, on Kubernetes, its pod\'s DNS names is accepted' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from restart" -l new-ip -d 'Bring them back under new loopback addresses, as pods get new IPs'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from restart" -l sentinel -d 'Restart sentinels (the numbers are sentinel indexes) instead of members'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from restart" -l fresh-id -d 'With --sentinel: start from a blank configuration, so each comes back under a new ID monitoring nothing'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from restart" -s y -l yes -d 'Do not ask for confirmation (required to change a cluster without a terminal)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from restart" -l dry-run -d 'Print the plan and change nothing'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from restart" -s v -l verbose -d 'More detail (repeatable; -vv adds where the time went)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from restart" -l ask-password -d 'Ask for the password on the terminal'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from restart" -l tls -d 'Connect with TLS'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from restart" -l insecure -d 'Do not verify the servers\' certificates (prints a warning)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from restart" -s V -l version -d 'Print version'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l name -d 'Sandbox name' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t'The table with more columns (full IDs, epochs, server versions)'
json\t''
yaml\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l timeout -d 'Time limit for every network call, e.g. 500ms, 5s, 2m' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l color -d 'When to color the output (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l concurrency -d 'Nodes asked at once while reading the cluster' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l views -d 'How to read the nodes\' views of the cluster: full (every node\'s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)' -r -f -a "full\t''
digest\t''
auto\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l redis-user -d 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret); --user is kept as an alias, though for kubectl --user names the kubeconfig user' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l password-file -d 'Read the password from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l sentinel-password-file -d 'Sentinel group: the sentinels\' own password (requirepass of the sentinels), from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l cacert -d 'CA certificate (PEM) to verify the servers' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l tls-cert -l cert -d 'Client certificate (PEM) for mutual TLS (--cert is kept as an alias)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l tls-key -d 'Client private key (PEM) for mutual TLS (`cli --key` names a Redis key)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l tls-server-name -d 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node\'s address or, on Kubernetes, its pod\'s DNS names is accepted' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from status" -s y -l yes -d 'Do not ask for confirmation (required to change a cluster without a terminal)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l dry-run -d 'Print the plan and change nothing'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from status" -s v -l verbose -d 'More detail (repeatable; -vv adds where the time went)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l ask-password -d 'Ask for the password on the terminal'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l tls -d 'Connect with TLS'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l insecure -d 'Do not verify the servers\' certificates (prints a warning)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "up" -d 'Start a sandbox of empty cluster-enabled nodes (or grow, or restart stopped nodes)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "down" -d 'Stop a sandbox\'s servers and remove its state'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "scale" -d 'Grow or shrink a sandbox to N members, like `kubectl scale statefulset` (no cluster changes)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "restart" -d 'Restart members like deleted pods: they come back on their storage, with --new-ip under a new address'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "status" -d 'List a sandbox\'s nodes: addresses, pids, host and zone labels'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand demo" -l server -d 'Server binary (redis-server or valkey-server; default: $KUBECTL_REDIS_SERVER, then PATH)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand demo" -l keys -d 'How many sample keys to load' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand demo" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t'The table with more columns (full IDs, epochs, server versions)'
json\t''
yaml\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand demo" -l timeout -d 'Time limit for every network call, e.g. 500ms, 5s, 2m' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand demo" -l color -d 'When to color the output (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand demo" -l concurrency -d 'Nodes asked at once while reading the cluster' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand demo" -l views -d 'How to read the nodes\' views of the cluster: full (every node\'s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)' -r -f -a "full\t''
digest\t''
auto\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand demo" -l redis-user -d 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret); --user is kept as an alias, though for kubectl --user names the kubeconfig user' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand demo" -l password-file -d 'Read the password from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand demo" -l sentinel-password-file -d 'Sentinel group: the sentinels\' own password (requirepass of the sentinels), from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand demo" -l cacert -d 'CA certificate (PEM) to verify the servers' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand demo" -l tls-cert -l cert -d 'Client certificate (PEM) for mutual TLS (--cert is kept as an alias)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand demo" -l tls-key -d 'Client private key (PEM) for mutual TLS (`cli --key` names a Redis key)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand demo" -l tls-server-name -d 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node\'s address or, on Kubernetes, its pod\'s DNS names is accepted' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand demo" -l sentinel -d 'Walk a Sentinel group instead: form it, fail it over under a writer, check and fix it'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand demo" -s y -l yes -d 'Do not ask for confirmation (required to change a cluster without a terminal)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand demo" -l dry-run -d 'Print the plan and change nothing'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand demo" -s v -l verbose -d 'More detail (repeatable; -vv adds where the time went)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand demo" -l ask-password -d 'Ask for the password on the terminal'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand demo" -l tls -d 'Connect with TLS'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand demo" -l insecure -d 'Do not verify the servers\' certificates (prints a warning)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand demo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand demo" -s V -l version -d 'Print version'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and not __fish_seen_subcommand_from write verify help" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t'The table with more columns (full IDs, epochs, server versions)'
json\t''
yaml\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and not __fish_seen_subcommand_from write verify help" -l timeout -d 'Time limit for every network call, e.g. 500ms, 5s, 2m' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and not __fish_seen_subcommand_from write verify help" -l color -d 'When to color the output (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and not __fish_seen_subcommand_from write verify help" -l concurrency -d 'Nodes asked at once while reading the cluster' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and not __fish_seen_subcommand_from write verify help" -l views -d 'How to read the nodes\' views of the cluster: full (every node\'s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)' -r -f -a "full\t''
digest\t''
auto\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and not __fish_seen_subcommand_from write verify help" -l redis-user -d 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret); --user is kept as an alias, though for kubectl --user names the kubeconfig user' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and not __fish_seen_subcommand_from write verify help" -l password-file -d 'Read the password from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and not __fish_seen_subcommand_from write verify help" -l sentinel-password-file -d 'Sentinel group: the sentinels\' own password (requirepass of the sentinels), from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and not __fish_seen_subcommand_from write verify help" -l cacert -d 'CA certificate (PEM) to verify the servers' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and not __fish_seen_subcommand_from write verify help" -l tls-cert -l cert -d 'Client certificate (PEM) for mutual TLS (--cert is kept as an alias)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and not __fish_seen_subcommand_from write verify help" -l tls-key -d 'Client private key (PEM) for mutual TLS (`cli --key` names a Redis key)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and not __fish_seen_subcommand_from write verify help" -l tls-server-name -d 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node\'s address or, on Kubernetes, its pod\'s DNS names is accepted' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and not __fish_seen_subcommand_from write verify help" -s y -l yes -d 'Do not ask for confirmation (required to change a cluster without a terminal)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and not __fish_seen_subcommand_from write verify help" -l dry-run -d 'Print the plan and change nothing'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and not __fish_seen_subcommand_from write verify help" -s v -l verbose -d 'More detail (repeatable; -vv adds where the time went)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and not __fish_seen_subcommand_from write verify help" -l ask-password -d 'Ask for the password on the terminal'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and not __fish_seen_subcommand_from write verify help" -l tls -d 'Connect with TLS'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and not __fish_seen_subcommand_from write verify help" -l insecure -d 'Do not verify the servers\' certificates (prints a warning)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and not __fish_seen_subcommand_from write verify help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and not __fish_seen_subcommand_from write verify help" -s V -l version -d 'Print version'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and not __fish_seen_subcommand_from write verify help" -f -a "write" -d 'SET sample:0 … sample:N-1 on their slot owners'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and not __fish_seen_subcommand_from write verify help" -f -a "verify" -d 'Exit 1 unless every sample key is present with its value'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and not __fish_seen_subcommand_from write verify help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from write" -s l -l selector -d 'Target the pods matching this label selector instead of a StatefulSet, e.g. app=redis' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from write" -s n -l namespace -d 'Namespace of the StatefulSet or pods (default: the kubeconfig context\'s)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from write" -l kubeconfig -d 'Kubeconfig file (default: $KUBECONFIG, which may list several files, then ~/.kube/config, then in-cluster)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from write" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from write" -l password-secret -d 'Secret holding the Redis password (default: the one the pod template\'s REDIS_PASSWORD, REDISCLI_AUTH or VALKEY_PASSWORD comes from)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from write" -l connect -d 'How to reach the pods: auto (direct inside a cluster, else port-forward), direct, port-forward' -r -f -a "auto\t'Direct inside a cluster (in-cluster configuration), port-forward elsewhere'
direct\t'Dial pod IPs'
port-forward\t'Through the API server (pods/portforward over WebSocket)'"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from write" -l sandbox -d 'Target a local sandbox (default name: default)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from write" -l nodes -d 'Target nodes HOST:PORT[,HOST:PORT…]: for create the nodes to form the cluster, otherwise entry nodes' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from write" -l sentinels -d 'Sentinels watching the members: the target is a Sentinel group. With --nodes their HOST:PORT[,…]; on Kubernetes their own workload: sts/NAME, deploy/NAME or a label selector' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from write" -l master-name -d 'The master name the sentinels monitor (default: the only one they monitor; create: mymaster)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from write" -l sentinel-password-secret -d 'Sentinel group on Kubernetes: the Secret holding the sentinels\' own password' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from write" -l count -d 'How many keys' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from write" -l size -d 'Bytes per value' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from write" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t'The table with more columns (full IDs, epochs, server versions)'
json\t''
yaml\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from write" -l timeout -d 'Time limit for every network call, e.g. 500ms, 5s, 2m' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from write" -l color -d 'When to color the output (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from write" -l concurrency -d 'Nodes asked at once while reading the cluster' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from write" -l views -d 'How to read the nodes\' views of the cluster: full (every node\'s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)' -r -f -a "full\t''
digest\t''
auto\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from write" -l redis-user -d 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret); --user is kept as an alias, though for kubectl --user names the kubeconfig user' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from write" -l password-file -d 'Read the password from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from write" -l sentinel-password-file -d 'Sentinel group: the sentinels\' own password (requirepass of the sentinels), from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from write" -l cacert -d 'CA certificate (PEM) to verify the servers' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from write" -l tls-cert -l cert -d 'Client certificate (PEM) for mutual TLS (--cert is kept as an alias)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from write" -l tls-key -d 'Client private key (PEM) for mutual TLS (`cli --key` names a Redis key)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from write" -l tls-server-name -d 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node\'s address or, on Kubernetes, its pod\'s DNS names is accepted' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from write" -s y -l yes -d 'Do not ask for confirmation (required to change a cluster without a terminal)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from write" -l dry-run -d 'Print the plan and change nothing'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from write" -s v -l verbose -d 'More detail (repeatable; -vv adds where the time went)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from write" -l ask-password -d 'Ask for the password on the terminal'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from write" -l tls -d 'Connect with TLS'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from write" -l insecure -d 'Do not verify the servers\' certificates (prints a warning)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from write" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from write" -s V -l version -d 'Print version'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from verify" -s l -l selector -d 'Target the pods matching this label selector instead of a StatefulSet, e.g. app=redis' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from verify" -s n -l namespace -d 'Namespace of the StatefulSet or pods (default: the kubeconfig context\'s)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from verify" -l kubeconfig -d 'Kubeconfig file (default: $KUBECONFIG, which may list several files, then ~/.kube/config, then in-cluster)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from verify" -l context -d 'Kubeconfig context to use (default: the current context)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from verify" -l password-secret -d 'Secret holding the Redis password (default: the one the pod template\'s REDIS_PASSWORD, REDISCLI_AUTH or VALKEY_PASSWORD comes from)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from verify" -l connect -d 'How to reach the pods: auto (direct inside a cluster, else port-forward), direct, port-forward' -r -f -a "auto\t'Direct inside a cluster (in-cluster configuration), port-forward elsewhere'
direct\t'Dial pod IPs'
port-forward\t'Through the API server (pods/portforward over WebSocket)'"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from verify" -l sandbox -d 'Target a local sandbox (default name: default)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from verify" -l nodes -d 'Target nodes HOST:PORT[,HOST:PORT…]: for create the nodes to form the cluster, otherwise entry nodes' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from verify" -l sentinels -d 'Sentinels watching the members: the target is a Sentinel group. With --nodes their HOST:PORT[,…]; on Kubernetes their own workload: sts/NAME, deploy/NAME or a label selector' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from verify" -l master-name -d 'The master name the sentinels monitor (default: the only one they monitor; create: mymaster)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from verify" -l sentinel-password-secret -d 'Sentinel group on Kubernetes: the Secret holding the sentinels\' own password' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from verify" -l count -d 'How many keys' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from verify" -l size -d 'Bytes per value' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from verify" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t'The table with more columns (full IDs, epochs, server versions)'
json\t''
yaml\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from verify" -l timeout -d 'Time limit for every network call, e.g. 500ms, 5s, 2m' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from verify" -l color -d 'When to color the output (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from verify" -l concurrency -d 'Nodes asked at once while reading the cluster' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from verify" -l views -d 'How to read the nodes\' views of the cluster: full (every node\'s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)' -r -f -a "full\t''
digest\t''
auto\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from verify" -l redis-user -d 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret); --user is kept as an alias, though for kubectl --user names the kubeconfig user' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from verify" -l password-file -d 'Read the password from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from verify" -l sentinel-password-file -d 'Sentinel group: the sentinels\' own password (requirepass of the sentinels), from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from verify" -l cacert -d 'CA certificate (PEM) to verify the servers' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from verify" -l tls-cert -l cert -d 'Client certificate (PEM) for mutual TLS (--cert is kept as an alias)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from verify" -l tls-key -d 'Client private key (PEM) for mutual TLS (`cli --key` names a Redis key)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from verify" -l tls-server-name -d 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node\'s address or, on Kubernetes, its pod\'s DNS names is accepted' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from verify" -s y -l yes -d 'Do not ask for confirmation (required to change a cluster without a terminal)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from verify" -l dry-run -d 'Print the plan and change nothing'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from verify" -s v -l verbose -d 'More detail (repeatable; -vv adds where the time went)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from verify" -l ask-password -d 'Ask for the password on the terminal'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from verify" -l tls -d 'Connect with TLS'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from verify" -l insecure -d 'Do not verify the servers\' certificates (prints a warning)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from help" -f -a "write" -d 'SET sample:0 … sample:N-1 on their slot owners'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Exit 1 unless every sample key is present with its value'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand sample-keys; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and not __fish_seen_subcommand_from rbac help" -l out -d 'Directory that receives completions/, man/ and deploy/rbac.yaml (without a subcommand)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and not __fish_seen_subcommand_from rbac help" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t'The table with more columns (full IDs, epochs, server versions)'
json\t''
yaml\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and not __fish_seen_subcommand_from rbac help" -l timeout -d 'Time limit for every network call, e.g. 500ms, 5s, 2m' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and not __fish_seen_subcommand_from rbac help" -l color -d 'When to color the output (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and not __fish_seen_subcommand_from rbac help" -l concurrency -d 'Nodes asked at once while reading the cluster' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and not __fish_seen_subcommand_from rbac help" -l views -d 'How to read the nodes\' views of the cluster: full (every node\'s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)' -r -f -a "full\t''
digest\t''
auto\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and not __fish_seen_subcommand_from rbac help" -l redis-user -d 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret); --user is kept as an alias, though for kubectl --user names the kubeconfig user' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and not __fish_seen_subcommand_from rbac help" -l password-file -d 'Read the password from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and not __fish_seen_subcommand_from rbac help" -l sentinel-password-file -d 'Sentinel group: the sentinels\' own password (requirepass of the sentinels), from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and not __fish_seen_subcommand_from rbac help" -l cacert -d 'CA certificate (PEM) to verify the servers' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and not __fish_seen_subcommand_from rbac help" -l tls-cert -l cert -d 'Client certificate (PEM) for mutual TLS (--cert is kept as an alias)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and not __fish_seen_subcommand_from rbac help" -l tls-key -d 'Client private key (PEM) for mutual TLS (`cli --key` names a Redis key)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and not __fish_seen_subcommand_from rbac help" -l tls-server-name -d 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node\'s address or, on Kubernetes, its pod\'s DNS names is accepted' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and not __fish_seen_subcommand_from rbac help" -s y -l yes -d 'Do not ask for confirmation (required to change a cluster without a terminal)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and not __fish_seen_subcommand_from rbac help" -l dry-run -d 'Print the plan and change nothing'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and not __fish_seen_subcommand_from rbac help" -s v -l verbose -d 'More detail (repeatable; -vv adds where the time went)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and not __fish_seen_subcommand_from rbac help" -l ask-password -d 'Ask for the password on the terminal'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and not __fish_seen_subcommand_from rbac help" -l tls -d 'Connect with TLS'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and not __fish_seen_subcommand_from rbac help" -l insecure -d 'Do not verify the servers\' certificates (prints a warning)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and not __fish_seen_subcommand_from rbac help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and not __fish_seen_subcommand_from rbac help" -s V -l version -d 'Print version'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and not __fish_seen_subcommand_from rbac help" -f -a "rbac" -d 'Print the ServiceAccount, Role and bindings the tool needs, for `kubectl apply -f -`'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and not __fish_seen_subcommand_from rbac help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and __fish_seen_subcommand_from rbac" -s n -l namespace -d 'Namespace of the Redis pods: set on every object and on the bindings\' subject (default: none, give -n to kubectl apply; the zone ClusterRoleBinding then says redis)' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and __fish_seen_subcommand_from rbac" -l with -d 'Also the rules of commands only some operators use: exec (pods/exec, for `cli --exec`), logs (pods/log, for `report --logs`)' -r -f -a "exec\t'pods/exec create and get, for `cli --exec`'
logs\t'pods/log get, for `report --logs`'"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and __fish_seen_subcommand_from rbac" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t'The table with more columns (full IDs, epochs, server versions)'
json\t''
yaml\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and __fish_seen_subcommand_from rbac" -l timeout -d 'Time limit for every network call, e.g. 500ms, 5s, 2m' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and __fish_seen_subcommand_from rbac" -l color -d 'When to color the output (NO_COLOR is respected)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and __fish_seen_subcommand_from rbac" -l concurrency -d 'Nodes asked at once while reading the cluster' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and __fish_seen_subcommand_from rbac" -l views -d 'How to read the nodes\' views of the cluster: full (every node\'s CLUSTER NODES), digest (a digest from every node, computed by a read-only script on it, and the full view from one node per distinct digest), auto (digest through a port-forward, full otherwise)' -r -f -a "full\t''
digest\t''
auto\t''"
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and __fish_seen_subcommand_from rbac" -l redis-user -d 'ACL user name (the password comes from REDISCLI_AUTH, --password-file, a prompt or a Kubernetes Secret); --user is kept as an alias, though for kubectl --user names the kubeconfig user' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and __fish_seen_subcommand_from rbac" -l password-file -d 'Read the password from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and __fish_seen_subcommand_from rbac" -l sentinel-password-file -d 'Sentinel group: the sentinels\' own password (requirepass of the sentinels), from the first line of this file' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and __fish_seen_subcommand_from rbac" -l cacert -d 'CA certificate (PEM) to verify the servers' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and __fish_seen_subcommand_from rbac" -l tls-cert -l cert -d 'Client certificate (PEM) for mutual TLS (--cert is kept as an alias)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and __fish_seen_subcommand_from rbac" -l tls-key -d 'Client private key (PEM) for mutual TLS (`cli --key` names a Redis key)' -r -F
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and __fish_seen_subcommand_from rbac" -l tls-server-name -d 'Accept a certificate only if it is issued for this name (also sent as SNI); by default one issued for the node\'s address or, on Kubernetes, its pod\'s DNS names is accepted' -r
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and __fish_seen_subcommand_from rbac" -s y -l yes -d 'Do not ask for confirmation (required to change a cluster without a terminal)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and __fish_seen_subcommand_from rbac" -l dry-run -d 'Print the plan and change nothing'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and __fish_seen_subcommand_from rbac" -s v -l verbose -d 'More detail (repeatable; -vv adds where the time went)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and __fish_seen_subcommand_from rbac" -l ask-password -d 'Ask for the password on the terminal'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and __fish_seen_subcommand_from rbac" -l tls -d 'Connect with TLS'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and __fish_seen_subcommand_from rbac" -l insecure -d 'Do not verify the servers\' certificates (prints a warning)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and __fish_seen_subcommand_from rbac" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and __fish_seen_subcommand_from rbac" -s V -l version -d 'Print version'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and __fish_seen_subcommand_from help" -f -a "rbac" -d 'Print the ServiceAccount, Role and bindings the tool needs, for `kubectl apply -f -`'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand generate; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand help; and not __fish_seen_subcommand_from create check status add-node del-node reshard rebalance scale failover restart drain-node call cli report fix sandbox demo sample-keys generate help" -f -a "create" -d 'Form a new cluster from empty nodes'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand help; and not __fish_seen_subcommand_from create check status add-node del-node reshard rebalance scale failover restart drain-node call cli report fix sandbox demo sample-keys generate help" -f -a "check" -d 'Check the cluster\'s health; every finding comes with the command that repairs it'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand help; and not __fish_seen_subcommand_from create check status add-node del-node reshard rebalance scale failover restart drain-node call cli report fix sandbox demo sample-keys generate help" -f -a "status" -d 'Show the shard tree: each master followed by its replicas'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand help; and not __fish_seen_subcommand_from create check status add-node del-node reshard rebalance scale failover restart drain-node call cli report fix sandbox demo sample-keys generate help" -f -a "add-node" -d 'Join a node to the cluster, as an empty master or as a replica'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand help; and not __fish_seen_subcommand_from create check status add-node del-node reshard rebalance scale failover restart drain-node call cli report fix sandbox demo sample-keys generate help" -f -a "del-node" -d 'Remove a node: re-home its replicas, make every node forget it, reset it'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand help; and not __fish_seen_subcommand_from create check status add-node del-node reshard rebalance scale failover restart drain-node call cli report fix sandbox demo sample-keys generate help" -f -a "reshard" -d 'Move exactly N slots (with their keys) from some masters to one master'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand help; and not __fish_seen_subcommand_from create check status add-node del-node reshard rebalance scale failover restart drain-node call cli report fix sandbox demo sample-keys generate help" -f -a "rebalance" -d 'Move the fewest slots that bring every master to its weighted share'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand help; and not __fish_seen_subcommand_from create check status add-node del-node reshard rebalance scale failover restart drain-node call cli report fix sandbox demo sample-keys generate help" -f -a "scale" -d 'Resize to M masters with R replicas each: grow or shrink the platform, join, fail over, move slots, remove'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand help; and not __fish_seen_subcommand_from create check status add-node del-node reshard rebalance scale failover restart drain-node call cli report fix sandbox demo sample-keys generate help" -f -a "failover" -d 'Planned switchover: a Sentinel group\'s master without losing an acknowledged write, or a cluster shard\'s to --to REPLICA'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand help; and not __fish_seen_subcommand_from create check status add-node del-node reshard rebalance scale failover restart drain-node call cli report fix sandbox demo sample-keys generate help" -f -a "restart" -d 'Role-aware rolling restart: replicas first, then each master after a graceful failover, each waited for'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand help; and not __fish_seen_subcommand_from create check status add-node del-node reshard rebalance scale failover restart drain-node call cli report fix sandbox demo sample-keys generate help" -f -a "drain-node" -d 'Before `kubectl drain NODE`: fail every master on that Kubernetes node over to a replica elsewhere'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand help; and not __fish_seen_subcommand_from create check status add-node del-node reshard rebalance scale failover restart drain-node call cli report fix sandbox demo sample-keys generate help" -f -a "call" -d 'Run one command on every node (or only masters or replicas): one reply per node'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand help; and not __fish_seen_subcommand_from create check status add-node del-node reshard rebalance scale failover restart drain-node call cli report fix sandbox demo sample-keys generate help" -f -a "cli" -d 'A redis-cli on the node that owns a key or slot (or any member), through the tool\'s own connections'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand help; and not __fish_seen_subcommand_from create check status add-node del-node reshard rebalance scale failover restart drain-node call cli report fix sandbox demo sample-keys generate help" -f -a "report" -d 'Write a support bundle: Kubernetes objects, every node\'s INFO, CONFIG (secrets redacted), SLOWLOG, check, journals, logs'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand help; and not __fish_seen_subcommand_from create check status add-node del-node reshard rebalance scale failover restart drain-node call cli report fix sandbox demo sample-keys generate help" -f -a "fix" -d 'Repair what check finds: open slots, uncovered slots, ghost nodes, broken replica links'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand help; and not __fish_seen_subcommand_from create check status add-node del-node reshard rebalance scale failover restart drain-node call cli report fix sandbox demo sample-keys generate help" -f -a "sandbox" -d 'Start, list and stop local sandboxes of server processes'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand help; and not __fish_seen_subcommand_from create check status add-node del-node reshard rebalance scale failover restart drain-node call cli report fix sandbox demo sample-keys generate help" -f -a "demo" -d 'Show the main job on a throw-away sandbox: create, load keys, check, add and remove nodes'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand help; and not __fish_seen_subcommand_from create check status add-node del-node reshard rebalance scale failover restart drain-node call cli report fix sandbox demo sample-keys generate help" -f -a "sample-keys" -d 'Write or verify deterministic sample keys (for benchmarks and demos)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand help; and not __fish_seen_subcommand_from create check status add-node del-node reshard rebalance scale failover restart drain-node call cli report fix sandbox demo sample-keys generate help" -f -a "generate" -d 'Print the RBAC manifests the tool needs (`generate rbac`); without a subcommand write completions and man pages'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand help; and not __fish_seen_subcommand_from create check status add-node del-node reshard rebalance scale failover restart drain-node call cli report fix sandbox demo sample-keys generate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "up" -d 'Start a sandbox of empty cluster-enabled nodes (or grow, or restart stopped nodes)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "down" -d 'Stop a sandbox\'s servers and remove its state'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "scale" -d 'Grow or shrink a sandbox to N members, like `kubectl scale statefulset` (no cluster changes)'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "restart" -d 'Restart members like deleted pods: they come back on their storage, with --new-ip under a new address'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "status" -d 'List a sandbox\'s nodes: addresses, pids, host and zone labels'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand help; and __fish_seen_subcommand_from sample-keys" -f -a "write" -d 'SET sample:0 … sample:N-1 on their slot owners'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand help; and __fish_seen_subcommand_from sample-keys" -f -a "verify" -d 'Exit 1 unless every sample key is present with its value'
complete -c kubectl-redis -n "__fish_kubectl_redis_using_subcommand help; and __fish_seen_subcommand_from generate" -f -a "rbac" -d 'Print the ServiceAccount, Role and bindings the tool needs, for `kubectl apply -f -`'
