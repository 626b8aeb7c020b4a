# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_kubectl_twister2_global_optspecs
    string join \n kubeconfig= context= cluster= user= n/namespace= as= as-group= request-timeout= insecure-skip-tls-verify v/verbose= h/help
end

function __fish_kubectl_twister2_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_kubectl_twister2_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_kubectl_twister2_using_subcommand
    set -l cmd (__fish_kubectl_twister2_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c kubectl-twister2 -n "__fish_kubectl_twister2_needs_command" -l kubeconfig -d 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)' -r -F
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_needs_command" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_needs_command" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_needs_command" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_needs_command" -s n -l namespace -d 'The namespace to work in (default: the context\'s namespace, else "default")' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_needs_command" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_needs_command" -l as-group -d 'Group to impersonate for the operation (repeatable)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_needs_command" -l request-timeout -d 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_needs_command" -s v -l verbose -d 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_needs_command" -l insecure-skip-tls-verify -d 'Do not verify the API server\'s TLS certificate (insecure)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_needs_command" -f -a "submit" -d 'Submit a Twister2 job: create its objects, deliver its package, wait until it runs'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_needs_command" -f -a "restart" -d 'Restart a checkpointed job from its saved package (same jobID, RESTORE_JOB=true)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_needs_command" -f -a "clear" -d 'Remove ended jobs\' saved packages and kept persistent volume claims'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_needs_command" -f -a "jobs" -d 'List Twister2 jobs (including jobs submitted by Twister2\'s own client)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_needs_command" -f -a "list" -d 'List Twister2 jobs (including jobs submitted by Twister2\'s own client)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_needs_command" -f -a "describe" -d 'Show a job\'s objects, pods, compute resources, configuration and recent events'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_needs_command" -f -a "kill" -d 'Kill Twister2 jobs: ask each job master to end its job, then delete what is left'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_needs_command" -f -a "logs" -d 'Read or follow a job\'s logs: every pod and container, each line prefixed by its source'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_needs_command" -f -a "endpoints" -d 'List how to reach jobs\' workers from outside: NodePorts, load balancers, Ingresses'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_needs_command" -f -a "setup" -d 'Prepare a namespace: RBAC, OpenMPI SSH Secret, ZooKeeper, dashboard, uploader'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_needs_command" -f -a "dashboard" -d 'Open the Twister2 dashboard on a local port (native port-forward)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_needs_command" -f -a "nodes" -d 'Nodes\' racks and datacenters: list, draw as a tree, label, unlabel, export'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_needs_command" -f -a "version" -d 'Print the plugin version and, unless --client, the API server\'s version'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_needs_command" -f -a "completion" -d 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l jar -l job-file -d 'The job file: a jar (or zip / python file for the other --job-type values)' -r -F
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l class -d 'Worker class (twister2.resource.job.worker.class); required except for python jobs' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l driver-class -d 'Driver class (twister2.resource.job.driver.class)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l job-type -d 'Format of the job file' -r -f -a "jar\t''
java_zip\t''
python\t''
python_zip\t''"
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l main-file -d 'python_zip jobs: the Python file inside the zip that starts the job (Twister2\'s main_file)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l workers -d 'One compute resource of N pods, one worker per pod' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l compute-resource -d 'A compute resource: cpu=1,memory=2Gi,disk=1Gi,instances=4,workers-per-pod=2[,scalable] (repeatable; index = order given)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l cpu -d 'CPU per worker (Kubernetes quantity: 0.5, 500m, 2), default for every compute resource' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l memory -d 'Memory per worker (Kubernetes quantity: 1Gi, 1024Mi), default for every compute resource' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l config -d 'Twister2 configuration file of flat dotted keys (repeatable; later files win)' -r -F
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l conf-dir -d 'A Twister2 distribution\'s conf/ directory (common/ then kubernetes/ are read)' -r -F
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l set -d 'Set one Twister2 configuration key (repeatable): KEY=VALUE' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l job-config -d 'A value of the job configuration the workers read (JobConfig; repeatable): KEY=VALUE, VALUE in YAML (42 is an Integer, 42L a Long, 0.5 a Double, [a, b] a list)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l job-config-file -d 'A YAML map of job configuration values (repeatable; --job-config wins)' -r -F
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l image -d 'Container image of the job master and workers' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l image-pull-policy -d 'Image pull policy: Always, IfNotPresent or Never' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l persistent-storage -d 'Give the job a persistent volume claim of SIZE per worker (e.g. 1Gi)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l storage-class -d 'Storage class of the persistent volume claim' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l zookeeper -d 'Use ZooKeeper (Twister2\'s fault tolerance): --zookeeper uses the `setup zookeeper` service, --zookeeper=HOST:PORT[,HOST:PORT] these servers. Checkpointed jobs use the service when it exists' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l dashboard -d 'Dashboard URL; default: the `setup dashboard` service' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l image-pull-secret -d 'Secret used to pull the image (must exist in the namespace)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l target -d 'Run workers only on nodes labelled KEY=VALUE (repeatable; required node affinity)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l volume -d 'Mount an existing PersistentVolumeClaim in the job master and workers: CLAIM:/path[:ro]' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l expose -d 'Expose the workers: nodeport[=PORT], loadbalancer, or ingress=HOST[/PATH]' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l load-balancer-source-range -d 'Allowed client CIDR of a LoadBalancer (repeatable)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l ingress-class -d 'Ingress class of `--expose ingress`' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l tls-secret -d 'TLS Secret of `--expose ingress`' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l external-traffic-policy -d 'externalTrafficPolicy of the NodePort/LoadBalancer service: Cluster or Local' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l spread -d 'Spread workers evenly over racks, datacenters or nodes (topology spread constraints)' -r -f -a "rack\t''
datacenter\t''
node\t''"
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l rack -d 'Run workers only in this rack (repeatable)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l datacenter -d 'Run workers only in this datacenter (repeatable)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l job-id -d 'Use this job ID instead of generating one' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l timeout -d 'Limit of each waiting phase (pods scheduled, running, package delivered)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l dry-run -d 'Only print what would be written (client: render locally; server: the server validates)' -r -f -a "none\t'Write to the cluster'
client\t'Render locally; contact no cluster'
server\t'Send to the server with dryRun=All; nothing is persisted'"
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -s o -l output -d 'Print the objects written (or that would be written) in this format' -r -f -a "yaml\t'YAML documents'
json\t'JSON (a `List` when there are several objects)'
name\t'`kind/name`, one per line'"
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l kubeconfig -d 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)' -r -F
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -s n -l namespace -d 'The namespace to work in (default: the context\'s namespace, else "default")' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l as-group -d 'Group to impersonate for the operation (repeatable)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l request-timeout -d 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -s v -l verbose -d 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l openmpi -d 'Run as an OpenMPI job (needs the SSH Secret from `setup openmpi-secret`)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l guaranteed -d 'Guaranteed QoS: limits equal to requests on every container'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l wait -d 'Stay until the job ends; exit non-zero if it ended FAILED or KILLED'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -s f -l follow -d 'Stream the job\'s logs (every pod, prefixed) while waiting for it to end; implies --wait'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l detach -d 'Return right after the objects are created (web-server upload only)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l skip-scheduling-checks -d 'Create the job even when no node could take its pods or no StorageClass its claim (for clusters where an autoscaler adds nodes or a provisioner classes on demand)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -l insecure-skip-tls-verify -d 'Do not verify the API server\'s TLS certificate (insecure)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand submit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand restart" -l repository -d 'Directory of saved packages (twister2.resource.uploader.directory); default ~/.twister2/repository, where Twister2\'s own client keeps them too' -r -F
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand restart" -l timeout -d 'Limit of each waiting phase (pods scheduled, running, package delivered)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand restart" -l dry-run -d 'Only print what would be written (client: render locally; server: the server validates)' -r -f -a "none\t'Write to the cluster'
client\t'Render locally; contact no cluster'
server\t'Send to the server with dryRun=All; nothing is persisted'"
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand restart" -s o -l output -d 'Print the objects written (or that would be written) in this format' -r -f -a "yaml\t'YAML documents'
json\t'JSON (a `List` when there are several objects)'
name\t'`kind/name`, one per line'"
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand restart" -l kubeconfig -d 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)' -r -F
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand restart" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand restart" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand restart" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand restart" -s n -l namespace -d 'The namespace to work in (default: the context\'s namespace, else "default")' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand restart" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand restart" -l as-group -d 'Group to impersonate for the operation (repeatable)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand restart" -l request-timeout -d 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand restart" -s v -l verbose -d 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand restart" -l wait -d 'Stay until the job ends; exit non-zero if it ended FAILED or KILLED'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand restart" -s f -l follow -d 'Stream the job\'s logs (every pod, prefixed) while waiting for it to end; implies --wait'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand restart" -l detach -d 'Return right after the objects are created (web-server upload only)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand restart" -l skip-scheduling-checks -d 'Create the job even when no node could take its pods or no StorageClass its claim (for clusters where an autoscaler adds nodes or a provisioner classes on demand)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand restart" -l insecure-skip-tls-verify -d 'Do not verify the API server\'s TLS certificate (insecure)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand restart" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand clear" -l repository -d 'Directory of saved packages (default ~/.twister2/repository)' -r -F
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand clear" -l kubeconfig -d 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)' -r -F
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand clear" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand clear" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand clear" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand clear" -s n -l namespace -d 'The namespace to work in (default: the context\'s namespace, else "default")' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand clear" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand clear" -l as-group -d 'Group to impersonate for the operation (repeatable)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand clear" -l request-timeout -d 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand clear" -s v -l verbose -d 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand clear" -l all -d 'Every saved package and kept claim of a job that is not running (Twister2\'s clearall)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand clear" -s y -l yes -d 'Do not ask for confirmation'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand clear" -l dry-run -d 'Only list what would be removed'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand clear" -l insecure-skip-tls-verify -d 'Do not verify the API server\'s TLS certificate (insecure)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand clear" -s h -l help -d 'Print help'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand jobs" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned columns, kubectl style'
wide\t'Table with extra columns'
json\t'JSON document'
yaml\t'YAML document'
name\t'One name per line'"
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand jobs" -l kubeconfig -d 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)' -r -F
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand jobs" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand jobs" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand jobs" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand jobs" -s n -l namespace -d 'The namespace to work in (default: the context\'s namespace, else "default")' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand jobs" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand jobs" -l as-group -d 'Group to impersonate for the operation (repeatable)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand jobs" -l request-timeout -d 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand jobs" -s v -l verbose -d 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand jobs" -s A -l all-namespaces -d 'List jobs in every namespace'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand jobs" -l no-headers -d 'Do not print the header row of tables'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand jobs" -l insecure-skip-tls-verify -d 'Do not verify the API server\'s TLS certificate (insecure)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand jobs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand list" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned columns, kubectl style'
wide\t'Table with extra columns'
json\t'JSON document'
yaml\t'YAML document'
name\t'One name per line'"
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand list" -l kubeconfig -d 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)' -r -F
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand list" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand list" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand list" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand list" -s n -l namespace -d 'The namespace to work in (default: the context\'s namespace, else "default")' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand list" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand list" -l as-group -d 'Group to impersonate for the operation (repeatable)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand list" -l request-timeout -d 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand list" -s v -l verbose -d 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand list" -s A -l all-namespaces -d 'List jobs in every namespace'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand list" -l no-headers -d 'Do not print the header row of tables'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand list" -l insecure-skip-tls-verify -d 'Do not verify the API server\'s TLS certificate (insecure)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand describe" -l kubeconfig -d 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)' -r -F
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand describe" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand describe" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand describe" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand describe" -s n -l namespace -d 'The namespace to work in (default: the context\'s namespace, else "default")' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand describe" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand describe" -l as-group -d 'Group to impersonate for the operation (repeatable)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand describe" -l request-timeout -d 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand describe" -s v -l verbose -d 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand describe" -l last -d 'Describe the job this plugin submitted last'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand describe" -l insecure-skip-tls-verify -d 'Do not verify the API server\'s TLS certificate (insecure)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand describe" -s h -l help -d 'Print help'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand kill" -l timeout -d 'How long to let the job master clean up before deleting what is left' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand kill" -l kubeconfig -d 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)' -r -F
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand kill" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand kill" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand kill" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand kill" -s n -l namespace -d 'The namespace to work in (default: the context\'s namespace, else "default")' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand kill" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand kill" -l as-group -d 'Group to impersonate for the operation (repeatable)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand kill" -l request-timeout -d 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand kill" -s v -l verbose -d 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand kill" -l last -d 'Kill the job this plugin submitted last'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand kill" -l all -d 'Kill every Twister2 job in the namespace'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand kill" -s y -l yes -d 'Do not ask for confirmation'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand kill" -l keep-data -d 'Keep the job\'s persistent volume claim, its package in S3 (S3 upload method) and its saved package (checkpointed jobs, for `restart`). Twister2\'s job master deletes the claim when it ends a killed job, so a job with a claim is then not signalled: its other objects are deleted directly'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand kill" -l ignore-not-found -d 'Exit 0 when a job does not exist'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand kill" -l insecure-skip-tls-verify -d 'Do not verify the API server\'s TLS certificate (insecure)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand kill" -s h -l help -d 'Print help'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand logs" -l worker -d 'Only these workers: an ID or a range FROM-TO (repeatable, or comma-separated)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand logs" -s c -l container -d 'Only containers with this name (e.g. twister2-container-1)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand logs" -l since -d 'Only lines newer than this (e.g. 30s, 5m, 1h)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand logs" -l since-time -d 'Only lines at or after this time (RFC 3339, e.g. 2025-01-31T12:00:00Z)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand logs" -l tail -d 'Lines of each container\'s existing log to show: -1 for all (default: all, or 10 with -f)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand logs" -l color -d 'Colour the prefixes: auto (on a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand logs" -l max-concurrency -d 'Most log streams open at once; more containers are read as streams end' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand logs" -l save -d 'Write one file per container instance into DIR, named as Twister2\'s client names them (worker<ID>-ip<podIP>-0.log, job-master-ip<podIP>-0.log; older instances -1, -2, …), instead of printing' -r -F
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand logs" -l timeout -d 'With -f: give up when no pod of the job appeared within this time (e.g. 2m)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand logs" -l kubeconfig -d 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)' -r -F
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand logs" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand logs" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand logs" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand logs" -s n -l namespace -d 'The namespace to work in (default: the context\'s namespace, else "default")' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand logs" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand logs" -l as-group -d 'Group to impersonate for the operation (repeatable)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand logs" -l request-timeout -d 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand logs" -s v -l verbose -d 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand logs" -l last -d 'The job this plugin submitted last'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand logs" -s f -l follow -d 'Keep following: new pods, restarted containers and dropped streams, until the job ends (its ConfigMap is gone) or Ctrl-C'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand logs" -l job-master -d 'Only the job master (with --worker: the job master and those workers)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand logs" -l timestamps -d 'Start each line with the time the API server recorded for it'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand logs" -s p -l previous -d 'The previous instance of each container (with -f: restarted containers\' previous instance first, then the current one)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand logs" -l no-prefix -d 'Do not start lines with their source (worker-7, job-master)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand logs" -l files -d 'Fetch the log files Twister2 writes inside the pods (/twister2-volatile/logs or /persistent/logs) through exec'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand logs" -l insecure-skip-tls-verify -d 'Do not verify the API server\'s TLS certificate (insecure)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand logs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand endpoints" -l address-type -d 'Node address on NodePort rows (default: ExternalIP when the node has one, else InternalIP)' -r -f -a "external\t'The node\'s ExternalIP (nodes without one are left out)'
internal\t'The node\'s InternalIP'
hostname\t'The node\'s Hostname address'"
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand endpoints" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned columns, kubectl style'
wide\t'Table with extra columns'
json\t'JSON document'
yaml\t'YAML document'
name\t'One name per line'"
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand endpoints" -l kubeconfig -d 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)' -r -F
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand endpoints" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand endpoints" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand endpoints" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand endpoints" -s n -l namespace -d 'The namespace to work in (default: the context\'s namespace, else "default")' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand endpoints" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand endpoints" -l as-group -d 'Group to impersonate for the operation (repeatable)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand endpoints" -l request-timeout -d 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand endpoints" -s v -l verbose -d 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand endpoints" -s A -l all-namespaces -d 'List the endpoints of every namespace'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand endpoints" -l all-services -d 'Also list the services setup created (dashboard, uploader, ZooKeeper): cluster DNS name, NodePort if any, and the `kubectl proxy` URL of the dashboard'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand endpoints" -l check -d 'Probe every TCP endpoint with a connect (concurrent, each limited by --request-timeout, 5s when none is set) and add REACHABLE and LATENCY; with -o name, print only reachable endpoints'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand endpoints" -l no-headers -d 'Do not print the header row of tables'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand endpoints" -l insecure-skip-tls-verify -d 'Do not verify the API server\'s TLS certificate (insecure)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand endpoints" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and not __fish_seen_subcommand_from auth openmpi-secret zookeeper dashboard uploader all status remove help" -l kubeconfig -d 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)' -r -F
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and not __fish_seen_subcommand_from auth openmpi-secret zookeeper dashboard uploader all status remove help" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and not __fish_seen_subcommand_from auth openmpi-secret zookeeper dashboard uploader all status remove help" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and not __fish_seen_subcommand_from auth openmpi-secret zookeeper dashboard uploader all status remove help" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and not __fish_seen_subcommand_from auth openmpi-secret zookeeper dashboard uploader all status remove help" -s n -l namespace -d 'The namespace to work in (default: the context\'s namespace, else "default")' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and not __fish_seen_subcommand_from auth openmpi-secret zookeeper dashboard uploader all status remove help" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and not __fish_seen_subcommand_from auth openmpi-secret zookeeper dashboard uploader all status remove help" -l as-group -d 'Group to impersonate for the operation (repeatable)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and not __fish_seen_subcommand_from auth openmpi-secret zookeeper dashboard uploader all status remove help" -l request-timeout -d 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and not __fish_seen_subcommand_from auth openmpi-secret zookeeper dashboard uploader all status remove help" -s v -l verbose -d 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and not __fish_seen_subcommand_from auth openmpi-secret zookeeper dashboard uploader all status remove help" -l insecure-skip-tls-verify -d 'Do not verify the API server\'s TLS certificate (insecure)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and not __fish_seen_subcommand_from auth openmpi-secret zookeeper dashboard uploader all status remove help" -s h -l help -d 'Print help'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and not __fish_seen_subcommand_from auth openmpi-secret zookeeper dashboard uploader all status remove help" -f -a "auth" -d 'RBAC: Twister2\'s Role and RoleBinding for job pods, optionally a Role for submitting users'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and not __fish_seen_subcommand_from auth openmpi-secret zookeeper dashboard uploader all status remove help" -f -a "openmpi-secret" -d 'The SSH key Secret OpenMPI jobs mount (generated in-process, or imported)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and not __fish_seen_subcommand_from auth openmpi-secret zookeeper dashboard uploader all status remove help" -f -a "zookeeper" -d 'A ZooKeeper ensemble for fault-tolerant jobs'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and not __fish_seen_subcommand_from auth openmpi-secret zookeeper dashboard uploader all status remove help" -f -a "dashboard" -d 'The Twister2 dashboard (Service and StatefulSet)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and not __fish_seen_subcommand_from auth openmpi-secret zookeeper dashboard uploader all status remove help" -f -a "uploader" -d 'The nginx web server job pods download their job package from'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and not __fish_seen_subcommand_from auth openmpi-secret zookeeper dashboard uploader all status remove help" -f -a "all" -d 'auth, openmpi-secret and uploader in one go (--zookeeper and --dashboard add those)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and not __fish_seen_subcommand_from auth openmpi-secret zookeeper dashboard uploader all status remove help" -f -a "status" -d 'What is installed in the namespace, and whether it is ready'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and not __fish_seen_subcommand_from auth openmpi-secret zookeeper dashboard uploader all status remove help" -f -a "remove" -d 'Delete what `setup` created (only objects labelled as managed by kubectl-twister2)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and not __fish_seen_subcommand_from auth openmpi-secret zookeeper dashboard uploader all status remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from auth" -l service-account -d 'Bind the job Role to this ServiceAccount instead of `default` (created if missing)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from auth" -l group -d 'Bind the job Role to this group (repeatable); `system:authenticated` is what Twister2\'s own file does' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from auth" -l submitter -d 'Grant this user the rights submit, kill, jobs, logs and endpoints need (repeatable)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from auth" -l submitter-group -d 'Grant this group the submitter rights (repeatable)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from auth" -l secret-name -d 'Name of the OpenMPI Secret submitters may check (`kubernetes.secret.name`)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from auth" -l dry-run -d 'Only print what would be written (client: render locally; server: the server validates)' -r -f -a "none\t'Write to the cluster'
client\t'Render locally; contact no cluster'
server\t'Send to the server with dryRun=All; nothing is persisted'"
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from auth" -s o -l output -d 'Print the objects written (or that would be written) in this format' -r -f -a "yaml\t'YAML documents'
json\t'JSON (a `List` when there are several objects)'
name\t'`kind/name`, one per line'"
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from auth" -l kubeconfig -d 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)' -r -F
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from auth" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from auth" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from auth" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from auth" -s n -l namespace -d 'The namespace to work in (default: the context\'s namespace, else "default")' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from auth" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from auth" -l as-group -d 'Group to impersonate for the operation (repeatable)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from auth" -l request-timeout -d 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from auth" -s v -l verbose -d 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from auth" -l nodes -d 'Also let submitters list nodes (cluster-wide; for rack/datacenter info and endpoints)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from auth" -l label-nodes -d 'With --nodes: also let submitters label nodes (`nodes label`)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from auth" -l insecure-skip-tls-verify -d 'Do not verify the API server\'s TLS certificate (insecure)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from auth" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from openmpi-secret" -l name -d 'Secret name; must match `kubernetes.secret.name` in the jobs\' configuration' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from openmpi-secret" -l key-type -d 'Type of the generated key' -r -f -a "rsa\t'RSA 3072 (works with the old OpenSSH in Twister2\'s image)'
ed25519\t'Ed25519'"
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from openmpi-secret" -l from-private-key -d 'Import this private key (OpenSSH or unencrypted PEM) instead of generating one' -r -F
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from openmpi-secret" -l save-private-key -d 'Also write the private key to FILE (mode 0600)' -r -F
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from openmpi-secret" -l dry-run -d 'Only print what would be written (client: render locally; server: the server validates)' -r -f -a "none\t'Write to the cluster'
client\t'Render locally; contact no cluster'
server\t'Send to the server with dryRun=All; nothing is persisted'"
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from openmpi-secret" -s o -l output -d 'Print the objects written (or that would be written) in this format' -r -f -a "yaml\t'YAML documents'
json\t'JSON (a `List` when there are several objects)'
name\t'`kind/name`, one per line'"
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from openmpi-secret" -l kubeconfig -d 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)' -r -F
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from openmpi-secret" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from openmpi-secret" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from openmpi-secret" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from openmpi-secret" -s n -l namespace -d 'The namespace to work in (default: the context\'s namespace, else "default")' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from openmpi-secret" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from openmpi-secret" -l as-group -d 'Group to impersonate for the operation (repeatable)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from openmpi-secret" -l request-timeout -d 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from openmpi-secret" -s v -l verbose -d 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from openmpi-secret" -l rotate -d 'Replace the key of an existing Secret (running OpenMPI jobs keep the old one)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from openmpi-secret" -l force -d 'With --save-private-key: overwrite FILE if it exists'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from openmpi-secret" -l insecure-skip-tls-verify -d 'Do not verify the API server\'s TLS certificate (insecure)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from openmpi-secret" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from zookeeper" -l replicas -d 'Number of ZooKeeper servers: 1, 3 or 5' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from zookeeper" -l image -d 'ZooKeeper image, pinned to a tag or digest (3.5 or newer)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from zookeeper" -l storage-class -d 'StorageClass of the data volume(s); giving it (or --storage-size) turns persistence on' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from zookeeper" -l storage-size -d 'Size of each data volume (e.g. 5Gi); giving it (or --storage-class) turns persistence on' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from zookeeper" -l timeout -d 'How long --wait waits (e.g. 90s, 5m)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from zookeeper" -l dry-run -d 'Only print what would be written (client: render locally; server: the server validates)' -r -f -a "none\t'Write to the cluster'
client\t'Render locally; contact no cluster'
server\t'Send to the server with dryRun=All; nothing is persisted'"
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from zookeeper" -s o -l output -d 'Print the objects written (or that would be written) in this format' -r -f -a "yaml\t'YAML documents'
json\t'JSON (a `List` when there are several objects)'
name\t'`kind/name`, one per line'"
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from zookeeper" -l kubeconfig -d 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)' -r -F
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from zookeeper" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from zookeeper" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from zookeeper" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from zookeeper" -s n -l namespace -d 'The namespace to work in (default: the context\'s namespace, else "default")' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from zookeeper" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from zookeeper" -l as-group -d 'Group to impersonate for the operation (repeatable)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from zookeeper" -l request-timeout -d 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from zookeeper" -s v -l verbose -d 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from zookeeper" -l wait -d 'Wait until the pods are ready, showing progress on stderr'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from zookeeper" -l insecure-skip-tls-verify -d 'Do not verify the API server\'s TLS certificate (insecure)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from zookeeper" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from dashboard" -l image -d 'Dashboard image, pinned to a tag or digest' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from dashboard" -l storage-class -d 'StorageClass of the data volume(s); giving it (or --storage-size) turns persistence on' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from dashboard" -l storage-size -d 'Size of each data volume (e.g. 5Gi); giving it (or --storage-class) turns persistence on' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from dashboard" -l timeout -d 'How long --wait waits (e.g. 90s, 5m)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from dashboard" -l dry-run -d 'Only print what would be written (client: render locally; server: the server validates)' -r -f -a "none\t'Write to the cluster'
client\t'Render locally; contact no cluster'
server\t'Send to the server with dryRun=All; nothing is persisted'"
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from dashboard" -s o -l output -d 'Print the objects written (or that would be written) in this format' -r -f -a "yaml\t'YAML documents'
json\t'JSON (a `List` when there are several objects)'
name\t'`kind/name`, one per line'"
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from dashboard" -l kubeconfig -d 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)' -r -F
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from dashboard" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from dashboard" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from dashboard" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from dashboard" -s n -l namespace -d 'The namespace to work in (default: the context\'s namespace, else "default")' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from dashboard" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from dashboard" -l as-group -d 'Group to impersonate for the operation (repeatable)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from dashboard" -l request-timeout -d 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from dashboard" -s v -l verbose -d 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from dashboard" -l wait -d 'Wait until the pods are ready, showing progress on stderr'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from dashboard" -l insecure-skip-tls-verify -d 'Do not verify the API server\'s TLS certificate (insecure)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from dashboard" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from uploader" -l replicas -d 'Number of nginx pods; every package is copied to each' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from uploader" -l image -d 'nginx image, pinned to a tag or digest; it needs a shell and `tar`' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from uploader" -l timeout -d 'How long --wait waits (e.g. 90s, 5m)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from uploader" -l dry-run -d 'Only print what would be written (client: render locally; server: the server validates)' -r -f -a "none\t'Write to the cluster'
client\t'Render locally; contact no cluster'
server\t'Send to the server with dryRun=All; nothing is persisted'"
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from uploader" -s o -l output -d 'Print the objects written (or that would be written) in this format' -r -f -a "yaml\t'YAML documents'
json\t'JSON (a `List` when there are several objects)'
name\t'`kind/name`, one per line'"
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from uploader" -l kubeconfig -d 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)' -r -F
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from uploader" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from uploader" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from uploader" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from uploader" -s n -l namespace -d 'The namespace to work in (default: the context\'s namespace, else "default")' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from uploader" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from uploader" -l as-group -d 'Group to impersonate for the operation (repeatable)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from uploader" -l request-timeout -d 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from uploader" -s v -l verbose -d 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from uploader" -l wait -d 'Wait until the pods are ready, showing progress on stderr'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from uploader" -l insecure-skip-tls-verify -d 'Do not verify the API server\'s TLS certificate (insecure)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from uploader" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from all" -l zookeeper-replicas -d 'Number of ZooKeeper servers with --zookeeper: 1, 3 or 5' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from all" -l submitter -d 'Grant this user the submitter rights (repeatable); see `setup auth --submitter`' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from all" -l submitter-group -d 'Grant this group the submitter rights (repeatable)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from all" -l key-type -d 'Type of the generated OpenMPI key' -r -f -a "rsa\t'RSA 3072 (works with the old OpenSSH in Twister2\'s image)'
ed25519\t'Ed25519'"
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from all" -l uploader-replicas -d 'Number of uploader pods' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from all" -l storage-class -d 'StorageClass of the data volume(s); giving it (or --storage-size) turns persistence on' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from all" -l storage-size -d 'Size of each data volume (e.g. 5Gi); giving it (or --storage-class) turns persistence on' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from all" -l timeout -d 'How long --wait waits (e.g. 90s, 5m)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from all" -l dry-run -d 'Only print what would be written (client: render locally; server: the server validates)' -r -f -a "none\t'Write to the cluster'
client\t'Render locally; contact no cluster'
server\t'Send to the server with dryRun=All; nothing is persisted'"
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from all" -s o -l output -d 'Print the objects written (or that would be written) in this format' -r -f -a "yaml\t'YAML documents'
json\t'JSON (a `List` when there are several objects)'
name\t'`kind/name`, one per line'"
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from all" -l kubeconfig -d 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)' -r -F
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from all" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from all" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from all" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from all" -s n -l namespace -d 'The namespace to work in (default: the context\'s namespace, else "default")' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from all" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from all" -l as-group -d 'Group to impersonate for the operation (repeatable)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from all" -l request-timeout -d 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from all" -s v -l verbose -d 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from all" -l zookeeper -d 'Also set up ZooKeeper (one server unless --zookeeper-replicas)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from all" -l dashboard -d 'Also set up the dashboard'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from all" -l wait -d 'Wait until the pods are ready, showing progress on stderr'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from all" -l insecure-skip-tls-verify -d 'Do not verify the API server\'s TLS certificate (insecure)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from all" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from status" -l secret-name -d 'Name of the OpenMPI Secret to look at' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from status" -l rack-key -d 'Node label key holding the rack (Twister2\'s `twister2.resource.rack.labey.key`)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from status" -l datacenter-key -d 'Node label key holding the datacenter (`twister2.resource.datacenter.labey.key`)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned columns, kubectl style'
wide\t'Table with extra columns'
json\t'JSON document'
yaml\t'YAML document'
name\t'One name per line'"
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from status" -l kubeconfig -d 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)' -r -F
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from status" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from status" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from status" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from status" -s n -l namespace -d 'The namespace to work in (default: the context\'s namespace, else "default")' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from status" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from status" -l as-group -d 'Group to impersonate for the operation (repeatable)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from status" -l request-timeout -d 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from status" -l no-headers -d 'Do not print the header row of tables'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from status" -l insecure-skip-tls-verify -d 'Do not verify the API server\'s TLS certificate (insecure)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from remove" -l kubeconfig -d 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)' -r -F
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from remove" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from remove" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from remove" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from remove" -s n -l namespace -d 'The namespace to work in (default: the context\'s namespace, else "default")' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from remove" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from remove" -l as-group -d 'Group to impersonate for the operation (repeatable)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from remove" -l request-timeout -d 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from remove" -l all -d 'Remove every component'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from remove" -l delete-data -d 'Also delete the PersistentVolumeClaims (ZooKeeper and dashboard data); kept otherwise'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Do not ask for confirmation'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from remove" -l dry-run -d 'Only print what would be deleted'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from remove" -l insecure-skip-tls-verify -d 'Do not verify the API server\'s TLS certificate (insecure)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from help" -f -a "auth" -d 'RBAC: Twister2\'s Role and RoleBinding for job pods, optionally a Role for submitting users'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from help" -f -a "openmpi-secret" -d 'The SSH key Secret OpenMPI jobs mount (generated in-process, or imported)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from help" -f -a "zookeeper" -d 'A ZooKeeper ensemble for fault-tolerant jobs'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from help" -f -a "dashboard" -d 'The Twister2 dashboard (Service and StatefulSet)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from help" -f -a "uploader" -d 'The nginx web server job pods download their job package from'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from help" -f -a "all" -d 'auth, openmpi-secret and uploader in one go (--zookeeper and --dashboard add those)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from help" -f -a "status" -d 'What is installed in the namespace, and whether it is ready'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Delete what `setup` created (only objects labelled as managed by kubectl-twister2)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand setup; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand dashboard" -l port -d 'Local port to listen on (default: a free one)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand dashboard" -l kubeconfig -d 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)' -r -F
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand dashboard" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand dashboard" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand dashboard" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand dashboard" -s n -l namespace -d 'The namespace to work in (default: the context\'s namespace, else "default")' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand dashboard" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand dashboard" -l as-group -d 'Group to impersonate for the operation (repeatable)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand dashboard" -l request-timeout -d 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand dashboard" -s v -l verbose -d 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand dashboard" -l insecure-skip-tls-verify -d 'Do not verify the API server\'s TLS certificate (insecure)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand dashboard" -s h -l help -d 'Print help'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and not __fish_seen_subcommand_from label unlabel export help" -l rack-key -d 'Node label key of racks (default: the config\'s twister2.resource.rack.labey.key, else `rack`)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and not __fish_seen_subcommand_from label unlabel export help" -l datacenter-key -d 'Node label key of datacenters (default: the config\'s twister2.resource.datacenter.labey.key, else `datacenter`)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and not __fish_seen_subcommand_from label unlabel export help" -l config -d 'A Twister2 config file (e.g. resource.yaml) to read the label keys from' -r -F
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and not __fish_seen_subcommand_from label unlabel export help" -s o -l output -d 'Output format' -r -f -a "table\t'Aligned columns, kubectl style'
wide\t'Table with extra columns'
json\t'JSON document'
yaml\t'YAML document'
name\t'One name per line'"
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and not __fish_seen_subcommand_from label unlabel export help" -l kubeconfig -d 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)' -r -F
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and not __fish_seen_subcommand_from label unlabel export help" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and not __fish_seen_subcommand_from label unlabel export help" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and not __fish_seen_subcommand_from label unlabel export help" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and not __fish_seen_subcommand_from label unlabel export help" -s n -l namespace -d 'The namespace to work in (default: the context\'s namespace, else "default")' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and not __fish_seen_subcommand_from label unlabel export help" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and not __fish_seen_subcommand_from label unlabel export help" -l as-group -d 'Group to impersonate for the operation (repeatable)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and not __fish_seen_subcommand_from label unlabel export help" -l request-timeout -d 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and not __fish_seen_subcommand_from label unlabel export help" -s v -l verbose -d 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and not __fish_seen_subcommand_from label unlabel export help" -s A -l all-namespaces -d 'Count Twister2 pods in every namespace (default: the current namespace)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and not __fish_seen_subcommand_from label unlabel export help" -l tree -d 'Draw datacenter → rack → node → Twister2 pods as a tree'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and not __fish_seen_subcommand_from label unlabel export help" -l no-headers -d 'Do not print the header row of tables'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and not __fish_seen_subcommand_from label unlabel export help" -l insecure-skip-tls-verify -d 'Do not verify the API server\'s TLS certificate (insecure)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and not __fish_seen_subcommand_from label unlabel export help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and not __fish_seen_subcommand_from label unlabel export help" -f -a "label" -d 'Set rack and datacenter labels: on the given nodes, or from a Twister2 config\'s racks.list and datacenters.list. Everything is checked before the first change'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and not __fish_seen_subcommand_from label unlabel export help" -f -a "unlabel" -d 'Remove rack and/or datacenter labels from the given nodes (or from all)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and not __fish_seen_subcommand_from label unlabel export help" -f -a "export" -d 'Print the current labels as a Twister2 config fragment (racks.list, datacenters.list), for `twister2.resource.kubernetes.node.locations.from.config: true`'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and not __fish_seen_subcommand_from label unlabel export help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from label" -l rack -d 'The rack to put the nodes in' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from label" -l datacenter -d 'The datacenter to put the nodes in' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from label" -l from-config -d 'Take racks and datacenters (and the label keys) from this Twister2 config file: twister2.resource.racks.list (rack → node addresses) and twister2.resource.datacenters.list (datacenter → racks)' -r -F
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from label" -l rack-key -d 'Node label key of racks (default: the config\'s twister2.resource.rack.labey.key, else `rack`)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from label" -l datacenter-key -d 'Node label key of datacenters (default: the config\'s twister2.resource.datacenter.labey.key, else `datacenter`)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from label" -l config -d 'A Twister2 config file (e.g. resource.yaml) to read the label keys from' -r -F
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from label" -l dry-run -d 'Only print what would be written (client: render locally; server: the server validates)' -r -f -a "none\t'Write to the cluster'
client\t'Render locally; contact no cluster'
server\t'Send to the server with dryRun=All; nothing is persisted'"
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from label" -s o -l output -d 'Print the objects written (or that would be written) in this format' -r -f -a "yaml\t'YAML documents'
json\t'JSON (a `List` when there are several objects)'
name\t'`kind/name`, one per line'"
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from label" -l kubeconfig -d 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)' -r -F
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from label" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from label" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from label" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from label" -s n -l namespace -d 'The namespace to work in (default: the context\'s namespace, else "default")' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from label" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from label" -l as-group -d 'Group to impersonate for the operation (repeatable)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from label" -l request-timeout -d 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from label" -s v -l verbose -d 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from label" -l overwrite -d 'Replace values that are already set (a different existing value is otherwise refused)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from label" -l insecure-skip-tls-verify -d 'Do not verify the API server\'s TLS certificate (insecure)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from label" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from unlabel" -l rack-key -d 'Node label key of racks (default: the config\'s twister2.resource.rack.labey.key, else `rack`)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from unlabel" -l datacenter-key -d 'Node label key of datacenters (default: the config\'s twister2.resource.datacenter.labey.key, else `datacenter`)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from unlabel" -l config -d 'A Twister2 config file (e.g. resource.yaml) to read the label keys from' -r -F
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from unlabel" -l dry-run -d 'Only print what would be written (client: render locally; server: the server validates)' -r -f -a "none\t'Write to the cluster'
client\t'Render locally; contact no cluster'
server\t'Send to the server with dryRun=All; nothing is persisted'"
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from unlabel" -s o -l output -d 'Print the objects written (or that would be written) in this format' -r -f -a "yaml\t'YAML documents'
json\t'JSON (a `List` when there are several objects)'
name\t'`kind/name`, one per line'"
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from unlabel" -l kubeconfig -d 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)' -r -F
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from unlabel" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from unlabel" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from unlabel" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from unlabel" -s n -l namespace -d 'The namespace to work in (default: the context\'s namespace, else "default")' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from unlabel" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from unlabel" -l as-group -d 'Group to impersonate for the operation (repeatable)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from unlabel" -l request-timeout -d 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from unlabel" -s v -l verbose -d 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from unlabel" -l rack -d 'Remove the rack label (with neither --rack nor --datacenter: both)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from unlabel" -l datacenter -d 'Remove the datacenter label (with neither --rack nor --datacenter: both)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from unlabel" -l all -d 'Every node that carries the label(s)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from unlabel" -l insecure-skip-tls-verify -d 'Do not verify the API server\'s TLS certificate (insecure)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from unlabel" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from export" -l rack-key -d 'Node label key of racks (default: the config\'s twister2.resource.rack.labey.key, else `rack`)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from export" -l datacenter-key -d 'Node label key of datacenters (default: the config\'s twister2.resource.datacenter.labey.key, else `datacenter`)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from export" -l config -d 'A Twister2 config file (e.g. resource.yaml) to read the label keys from' -r -F
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from export" -l kubeconfig -d 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)' -r -F
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from export" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from export" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from export" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from export" -s n -l namespace -d 'The namespace to work in (default: the context\'s namespace, else "default")' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from export" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from export" -l as-group -d 'Group to impersonate for the operation (repeatable)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from export" -l request-timeout -d 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from export" -s v -l verbose -d 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from export" -l insecure-skip-tls-verify -d 'Do not verify the API server\'s TLS certificate (insecure)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from help" -f -a "label" -d 'Set rack and datacenter labels: on the given nodes, or from a Twister2 config\'s racks.list and datacenters.list. Everything is checked before the first change'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from help" -f -a "unlabel" -d 'Remove rack and/or datacenter labels from the given nodes (or from all)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from help" -f -a "export" -d 'Print the current labels as a Twister2 config fragment (racks.list, datacenters.list), for `twister2.resource.kubernetes.node.locations.from.config: true`'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand nodes; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand version" -s o -l output -d 'Output format (default: human-readable lines)' -r -f -a "json\t'JSON document'
yaml\t'YAML document'"
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand version" -l kubeconfig -d 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)' -r -F
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand version" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand version" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand version" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand version" -s n -l namespace -d 'The namespace to work in (default: the context\'s namespace, else "default")' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand version" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand version" -l as-group -d 'Group to impersonate for the operation (repeatable)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand version" -l request-timeout -d 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand version" -s v -l verbose -d 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand version" -l client -d 'Print only the plugin\'s version; do not contact the cluster'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand version" -l insecure-skip-tls-verify -d 'Do not verify the API server\'s TLS certificate (insecure)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand version" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand completion" -l kubeconfig -d 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)' -r -F
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand completion" -l context -d 'The name of the kubeconfig context to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand completion" -l cluster -d 'The name of the kubeconfig cluster to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand completion" -l user -d 'The name of the kubeconfig user to use' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand completion" -s n -l namespace -d 'The namespace to work in (default: the context\'s namespace, else "default")' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand completion" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand completion" -l as-group -d 'Group to impersonate for the operation (repeatable)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand completion" -l request-timeout -d 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand completion" -s v -l verbose -d 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted' -r
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand completion" -l insecure-skip-tls-verify -d 'Do not verify the API server\'s TLS certificate (insecure)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand completion" -s h -l help -d 'Print help'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand help; and not __fish_seen_subcommand_from submit restart clear jobs describe kill logs endpoints setup dashboard nodes version completion help" -f -a "submit" -d 'Submit a Twister2 job: create its objects, deliver its package, wait until it runs'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand help; and not __fish_seen_subcommand_from submit restart clear jobs describe kill logs endpoints setup dashboard nodes version completion help" -f -a "restart" -d 'Restart a checkpointed job from its saved package (same jobID, RESTORE_JOB=true)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand help; and not __fish_seen_subcommand_from submit restart clear jobs describe kill logs endpoints setup dashboard nodes version completion help" -f -a "clear" -d 'Remove ended jobs\' saved packages and kept persistent volume claims'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand help; and not __fish_seen_subcommand_from submit restart clear jobs describe kill logs endpoints setup dashboard nodes version completion help" -f -a "jobs" -d 'List Twister2 jobs (including jobs submitted by Twister2\'s own client)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand help; and not __fish_seen_subcommand_from submit restart clear jobs describe kill logs endpoints setup dashboard nodes version completion help" -f -a "describe" -d 'Show a job\'s objects, pods, compute resources, configuration and recent events'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand help; and not __fish_seen_subcommand_from submit restart clear jobs describe kill logs endpoints setup dashboard nodes version completion help" -f -a "kill" -d 'Kill Twister2 jobs: ask each job master to end its job, then delete what is left'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand help; and not __fish_seen_subcommand_from submit restart clear jobs describe kill logs endpoints setup dashboard nodes version completion help" -f -a "logs" -d 'Read or follow a job\'s logs: every pod and container, each line prefixed by its source'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand help; and not __fish_seen_subcommand_from submit restart clear jobs describe kill logs endpoints setup dashboard nodes version completion help" -f -a "endpoints" -d 'List how to reach jobs\' workers from outside: NodePorts, load balancers, Ingresses'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand help; and not __fish_seen_subcommand_from submit restart clear jobs describe kill logs endpoints setup dashboard nodes version completion help" -f -a "setup" -d 'Prepare a namespace: RBAC, OpenMPI SSH Secret, ZooKeeper, dashboard, uploader'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand help; and not __fish_seen_subcommand_from submit restart clear jobs describe kill logs endpoints setup dashboard nodes version completion help" -f -a "dashboard" -d 'Open the Twister2 dashboard on a local port (native port-forward)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand help; and not __fish_seen_subcommand_from submit restart clear jobs describe kill logs endpoints setup dashboard nodes version completion help" -f -a "nodes" -d 'Nodes\' racks and datacenters: list, draw as a tree, label, unlabel, export'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand help; and not __fish_seen_subcommand_from submit restart clear jobs describe kill logs endpoints setup dashboard nodes version completion help" -f -a "version" -d 'Print the plugin version and, unless --client, the API server\'s version'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand help; and not __fish_seen_subcommand_from submit restart clear jobs describe kill logs endpoints setup dashboard nodes version completion help" -f -a "completion" -d 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand help; and not __fish_seen_subcommand_from submit restart clear jobs describe kill logs endpoints setup dashboard nodes version completion help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand help; and __fish_seen_subcommand_from setup" -f -a "auth" -d 'RBAC: Twister2\'s Role and RoleBinding for job pods, optionally a Role for submitting users'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand help; and __fish_seen_subcommand_from setup" -f -a "openmpi-secret" -d 'The SSH key Secret OpenMPI jobs mount (generated in-process, or imported)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand help; and __fish_seen_subcommand_from setup" -f -a "zookeeper" -d 'A ZooKeeper ensemble for fault-tolerant jobs'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand help; and __fish_seen_subcommand_from setup" -f -a "dashboard" -d 'The Twister2 dashboard (Service and StatefulSet)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand help; and __fish_seen_subcommand_from setup" -f -a "uploader" -d 'The nginx web server job pods download their job package from'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand help; and __fish_seen_subcommand_from setup" -f -a "all" -d 'auth, openmpi-secret and uploader in one go (--zookeeper and --dashboard add those)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand help; and __fish_seen_subcommand_from setup" -f -a "status" -d 'What is installed in the namespace, and whether it is ready'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand help; and __fish_seen_subcommand_from setup" -f -a "remove" -d 'Delete what `setup` created (only objects labelled as managed by kubectl-twister2)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand help; and __fish_seen_subcommand_from nodes" -f -a "label" -d 'Set rack and datacenter labels: on the given nodes, or from a Twister2 config\'s racks.list and datacenters.list. Everything is checked before the first change'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand help; and __fish_seen_subcommand_from nodes" -f -a "unlabel" -d 'Remove rack and/or datacenter labels from the given nodes (or from all)'
complete -c kubectl-twister2 -n "__fish_kubectl_twister2_using_subcommand help; and __fish_seen_subcommand_from nodes" -f -a "export" -d 'Print the current labels as a Twister2 config fragment (racks.list, datacenters.list), for `twister2.resource.kubernetes.node.locations.from.config: true`'
