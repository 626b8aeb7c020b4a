
use builtin;
use str;

set edit:completion:arg-completer[kubectl-twister2] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'kubectl-twister2'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'kubectl-twister2'= {
            cand --kubeconfig 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)'
            cand --context 'The name of the kubeconfig context to use'
            cand --cluster 'The name of the kubeconfig cluster to use'
            cand --user 'The name of the kubeconfig user to use'
            cand -n 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --namespace 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --as 'Username to impersonate for the operation'
            cand --as-group 'Group to impersonate for the operation (repeatable)'
            cand --request-timeout 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)'
            cand -v 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --verbose 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --insecure-skip-tls-verify 'Do not verify the API server''s TLS certificate (insecure)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand submit 'Submit a Twister2 job: create its objects, deliver its package, wait until it runs'
            cand jobs 'List Twister2 jobs (including jobs submitted by Twister2''s own client)'
            cand list 'List Twister2 jobs (including jobs submitted by Twister2''s own client)'
            cand describe 'Show a job''s objects, pods, compute resources, configuration and recent events'
            cand kill 'Kill Twister2 jobs: ask each job master to end its job, then delete what is left'
            cand logs 'Read or follow a job''s logs: every pod and container, each line prefixed by its source'
            cand endpoints 'List how to reach jobs'' workers from outside: NodePorts, load balancers, Ingresses'
            cand setup 'Prepare a namespace: RBAC, OpenMPI SSH Secret, ZooKeeper, dashboard, uploader'
            cand dashboard 'Open the Twister2 dashboard on a local port (native port-forward)'
            cand nodes 'Nodes'' racks and datacenters: list, draw as a tree, label, unlabel, export'
            cand version 'Print the plugin version and, unless --client, the API server''s version'
            cand completion 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kubectl-twister2;submit'= {
            cand --jar 'The job file: a jar (or zip / python file for the other --job-type values)'
            cand --job-file 'The job file: a jar (or zip / python file for the other --job-type values)'
            cand --class 'Worker class (twister2.resource.job.worker.class); required except for python jobs'
            cand --driver-class 'Driver class (twister2.resource.job.driver.class)'
            cand --job-type 'Format of the job file'
            cand --workers 'One compute resource of N pods, one worker per pod'
            cand --compute-resource 'A compute resource: cpu=1,memory=2Gi,disk=1Gi,instances=4,workers-per-pod=2[,scalable] (repeatable; index = order given)'
            cand --cpu 'CPU per worker (Kubernetes quantity: 0.5, 500m, 2), default for every compute resource'
            cand --memory 'Memory per worker (Kubernetes quantity: 1Gi, 1024Mi), default for every compute resource'
            cand --config 'Twister2 configuration file of flat dotted keys (repeatable; later files win)'
            cand --conf-dir 'A Twister2 distribution''s conf/ directory (common/ then kubernetes/ are read)'
            cand --set 'Set one Twister2 configuration key (repeatable): KEY=VALUE'
            cand --image 'Container image of the job master and workers'
            cand --image-pull-policy 'Image pull policy: Always, IfNotPresent or Never'
            cand --image-pull-secret 'Secret used to pull the image (must exist in the namespace)'
            cand --target 'Run workers only on nodes labelled KEY=VALUE (repeatable; required node affinity)'
            cand --volume 'Mount an existing PersistentVolumeClaim in the job master and workers: CLAIM:/path[:ro]'
            cand --persistent-storage 'Give the job a persistent volume claim of SIZE per worker (e.g. 1Gi)'
            cand --storage-class 'Storage class of the persistent volume claim'
            cand --zookeeper 'ZooKeeper address(es) host:port[,host:port]; default: the `setup zookeeper` service'
            cand --dashboard 'Dashboard URL; default: the `setup dashboard` service'
            cand --expose 'Expose the workers: nodeport[=PORT], loadbalancer, or ingress=HOST[/PATH]'
            cand --load-balancer-source-range 'Allowed client CIDR of a LoadBalancer (repeatable)'
            cand --ingress-class 'Ingress class of `--expose ingress`'
            cand --tls-secret 'TLS Secret of `--expose ingress`'
            cand --external-traffic-policy 'externalTrafficPolicy of the NodePort/LoadBalancer service: Cluster or Local'
            cand --spread 'Spread workers evenly over racks, datacenters or nodes (topology spread constraints)'
            cand --rack 'Run workers only in this rack (repeatable)'
            cand --datacenter 'Run workers only in this datacenter (repeatable)'
            cand --job-id 'Use this job ID instead of generating one (e.g. to restart a checkpointed job)'
            cand --timeout 'Limit of each waiting phase (pods scheduled, running, package delivered)'
            cand --dry-run 'Only print what would be written (client: render locally; server: the server validates)'
            cand -o 'Print the objects written (or that would be written) in this format'
            cand --output 'Print the objects written (or that would be written) in this format'
            cand --kubeconfig 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)'
            cand --context 'The name of the kubeconfig context to use'
            cand --cluster 'The name of the kubeconfig cluster to use'
            cand --user 'The name of the kubeconfig user to use'
            cand -n 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --namespace 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --as 'Username to impersonate for the operation'
            cand --as-group 'Group to impersonate for the operation (repeatable)'
            cand --request-timeout 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)'
            cand -v 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --verbose 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --guaranteed 'Guaranteed QoS: limits equal to requests on every container'
            cand --openmpi 'Run as an OpenMPI job (needs the SSH Secret from `setup openmpi-secret`)'
            cand --wait 'Stay until the job ends; exit non-zero if it ended FAILED or KILLED'
            cand -f 'Stream the job''s logs (every pod, prefixed) while waiting for it to end; implies --wait'
            cand --follow 'Stream the job''s logs (every pod, prefixed) while waiting for it to end; implies --wait'
            cand --detach 'Return right after the objects are created (web-server upload only)'
            cand --insecure-skip-tls-verify 'Do not verify the API server''s TLS certificate (insecure)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'kubectl-twister2;jobs'= {
            cand -o 'Output format'
            cand --output 'Output format'
            cand --kubeconfig 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)'
            cand --context 'The name of the kubeconfig context to use'
            cand --cluster 'The name of the kubeconfig cluster to use'
            cand --user 'The name of the kubeconfig user to use'
            cand -n 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --namespace 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --as 'Username to impersonate for the operation'
            cand --as-group 'Group to impersonate for the operation (repeatable)'
            cand --request-timeout 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)'
            cand -v 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --verbose 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand -A 'List jobs in every namespace'
            cand --all-namespaces 'List jobs in every namespace'
            cand --no-headers 'Do not print the header row of tables'
            cand --insecure-skip-tls-verify 'Do not verify the API server''s TLS certificate (insecure)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'kubectl-twister2;list'= {
            cand -o 'Output format'
            cand --output 'Output format'
            cand --kubeconfig 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)'
            cand --context 'The name of the kubeconfig context to use'
            cand --cluster 'The name of the kubeconfig cluster to use'
            cand --user 'The name of the kubeconfig user to use'
            cand -n 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --namespace 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --as 'Username to impersonate for the operation'
            cand --as-group 'Group to impersonate for the operation (repeatable)'
            cand --request-timeout 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)'
            cand -v 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --verbose 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand -A 'List jobs in every namespace'
            cand --all-namespaces 'List jobs in every namespace'
            cand --no-headers 'Do not print the header row of tables'
            cand --insecure-skip-tls-verify 'Do not verify the API server''s TLS certificate (insecure)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'kubectl-twister2;describe'= {
            cand --kubeconfig 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)'
            cand --context 'The name of the kubeconfig context to use'
            cand --cluster 'The name of the kubeconfig cluster to use'
            cand --user 'The name of the kubeconfig user to use'
            cand -n 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --namespace 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --as 'Username to impersonate for the operation'
            cand --as-group 'Group to impersonate for the operation (repeatable)'
            cand --request-timeout 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)'
            cand -v 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --verbose 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --last 'Describe the job this plugin submitted last'
            cand --insecure-skip-tls-verify 'Do not verify the API server''s TLS certificate (insecure)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'kubectl-twister2;kill'= {
            cand --timeout 'How long to let the job master clean up before deleting what is left'
            cand --kubeconfig 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)'
            cand --context 'The name of the kubeconfig context to use'
            cand --cluster 'The name of the kubeconfig cluster to use'
            cand --user 'The name of the kubeconfig user to use'
            cand -n 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --namespace 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --as 'Username to impersonate for the operation'
            cand --as-group 'Group to impersonate for the operation (repeatable)'
            cand --request-timeout 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)'
            cand -v 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --verbose 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --last 'Kill the job this plugin submitted last'
            cand --all 'Kill every Twister2 job in the namespace'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand --keep-data 'Keep the job''s persistent volume claim and its package in S3 (S3 upload method). Twister2''s job master deletes the claim when it ends a killed job, so a job with a claim is then not signalled: its other objects are deleted directly'
            cand --ignore-not-found 'Exit 0 when a job does not exist'
            cand --insecure-skip-tls-verify 'Do not verify the API server''s TLS certificate (insecure)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'kubectl-twister2;logs'= {
            cand --worker 'Only these workers: an ID or a range FROM-TO (repeatable, or comma-separated)'
            cand -c 'Only containers with this name (e.g. twister2-container-1)'
            cand --container 'Only containers with this name (e.g. twister2-container-1)'
            cand --since 'Only lines newer than this (e.g. 30s, 5m, 1h)'
            cand --since-time 'Only lines at or after this time (RFC 3339, e.g. 2025-01-31T12:00:00Z)'
            cand --tail 'Lines of each container''s existing log to show: -1 for all (default: all, or 10 with -f)'
            cand --color 'Colour the prefixes: auto (on a terminal, unless NO_COLOR is set), always, never'
            cand --max-concurrency 'Most log streams open at once; more containers are read as streams end'
            cand --save 'Write one file per container instance into DIR, named as Twister2''s client names them (worker<ID>-ip<podIP>-0.log, job-master-ip<podIP>-0.log; older instances -1, -2, …), instead of printing'
            cand --timeout 'With -f: give up when no pod of the job appeared within this time (e.g. 2m)'
            cand --kubeconfig 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)'
            cand --context 'The name of the kubeconfig context to use'
            cand --cluster 'The name of the kubeconfig cluster to use'
            cand --user 'The name of the kubeconfig user to use'
            cand -n 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --namespace 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --as 'Username to impersonate for the operation'
            cand --as-group 'Group to impersonate for the operation (repeatable)'
            cand --request-timeout 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)'
            cand -v 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --verbose 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --last 'The job this plugin submitted last'
            cand -f 'Keep following: new pods, restarted containers and dropped streams, until the job ends (its ConfigMap is gone) or Ctrl-C'
            cand --follow 'Keep following: new pods, restarted containers and dropped streams, until the job ends (its ConfigMap is gone) or Ctrl-C'
            cand --job-master 'Only the job master (with --worker: the job master and those workers)'
            cand --timestamps 'Start each line with the time the API server recorded for it'
            cand -p 'The previous instance of each container (with -f: restarted containers'' previous instance first, then the current one)'
            cand --previous 'The previous instance of each container (with -f: restarted containers'' previous instance first, then the current one)'
            cand --no-prefix 'Do not start lines with their source (worker-7, job-master)'
            cand --files 'Fetch the log files Twister2 writes inside the pods (/twister2-volatile/logs or /persistent/logs) through exec'
            cand --insecure-skip-tls-verify 'Do not verify the API server''s TLS certificate (insecure)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'kubectl-twister2;endpoints'= {
            cand --address-type 'Node address on NodePort rows (default: ExternalIP when the node has one, else InternalIP)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --kubeconfig 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)'
            cand --context 'The name of the kubeconfig context to use'
            cand --cluster 'The name of the kubeconfig cluster to use'
            cand --user 'The name of the kubeconfig user to use'
            cand -n 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --namespace 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --as 'Username to impersonate for the operation'
            cand --as-group 'Group to impersonate for the operation (repeatable)'
            cand --request-timeout 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)'
            cand -v 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --verbose 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand -A 'List the endpoints of every namespace'
            cand --all-namespaces 'List the endpoints of every namespace'
            cand --all-services 'Also list the services setup created (dashboard, uploader, ZooKeeper): cluster DNS name, NodePort if any, and the `kubectl proxy` URL of the dashboard'
            cand --check 'Probe every TCP endpoint with a connect (concurrent, each limited by --request-timeout, 5s when none is set) and add REACHABLE and LATENCY; with -o name, print only reachable endpoints'
            cand --no-headers 'Do not print the header row of tables'
            cand --insecure-skip-tls-verify 'Do not verify the API server''s TLS certificate (insecure)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'kubectl-twister2;setup'= {
            cand --kubeconfig 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)'
            cand --context 'The name of the kubeconfig context to use'
            cand --cluster 'The name of the kubeconfig cluster to use'
            cand --user 'The name of the kubeconfig user to use'
            cand -n 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --namespace 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --as 'Username to impersonate for the operation'
            cand --as-group 'Group to impersonate for the operation (repeatable)'
            cand --request-timeout 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)'
            cand -v 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --verbose 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --insecure-skip-tls-verify 'Do not verify the API server''s TLS certificate (insecure)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand auth 'RBAC: Twister2''s Role and RoleBinding for job pods, optionally a Role for submitting users'
            cand openmpi-secret 'The SSH key Secret OpenMPI jobs mount (generated in-process, or imported)'
            cand zookeeper 'A ZooKeeper ensemble for fault-tolerant jobs'
            cand dashboard 'The Twister2 dashboard (Service and StatefulSet)'
            cand uploader 'The nginx web server job pods download their job package from'
            cand all 'auth, openmpi-secret and uploader in one go (--zookeeper and --dashboard add those)'
            cand status 'What is installed in the namespace, and whether it is ready'
            cand remove 'Delete what `setup` created (only objects labelled as managed by kubectl-twister2)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kubectl-twister2;setup;auth'= {
            cand --service-account 'Bind the job Role to this ServiceAccount instead of `default` (created if missing)'
            cand --group 'Bind the job Role to this group (repeatable); `system:authenticated` is what Twister2''s own file does'
            cand --submitter 'Grant this user the rights submit, kill, jobs, logs and endpoints need (repeatable)'
            cand --submitter-group 'Grant this group the submitter rights (repeatable)'
            cand --secret-name 'Name of the OpenMPI Secret submitters may check (`kubernetes.secret.name`)'
            cand --dry-run 'Only print what would be written (client: render locally; server: the server validates)'
            cand -o 'Print the objects written (or that would be written) in this format'
            cand --output 'Print the objects written (or that would be written) in this format'
            cand --kubeconfig 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)'
            cand --context 'The name of the kubeconfig context to use'
            cand --cluster 'The name of the kubeconfig cluster to use'
            cand --user 'The name of the kubeconfig user to use'
            cand -n 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --namespace 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --as 'Username to impersonate for the operation'
            cand --as-group 'Group to impersonate for the operation (repeatable)'
            cand --request-timeout 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)'
            cand -v 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --verbose 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --nodes 'Also let submitters list nodes (cluster-wide; for rack/datacenter info and endpoints)'
            cand --label-nodes 'With --nodes: also let submitters label nodes (`nodes label`)'
            cand --insecure-skip-tls-verify 'Do not verify the API server''s TLS certificate (insecure)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'kubectl-twister2;setup;openmpi-secret'= {
            cand --name 'Secret name; must match `kubernetes.secret.name` in the jobs'' configuration'
            cand --key-type 'Type of the generated key'
            cand --from-private-key 'Import this private key (OpenSSH or unencrypted PEM) instead of generating one'
            cand --save-private-key 'Also write the private key to FILE (mode 0600)'
            cand --dry-run 'Only print what would be written (client: render locally; server: the server validates)'
            cand -o 'Print the objects written (or that would be written) in this format'
            cand --output 'Print the objects written (or that would be written) in this format'
            cand --kubeconfig 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)'
            cand --context 'The name of the kubeconfig context to use'
            cand --cluster 'The name of the kubeconfig cluster to use'
            cand --user 'The name of the kubeconfig user to use'
            cand -n 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --namespace 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --as 'Username to impersonate for the operation'
            cand --as-group 'Group to impersonate for the operation (repeatable)'
            cand --request-timeout 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)'
            cand -v 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --verbose 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --rotate 'Replace the key of an existing Secret (running OpenMPI jobs keep the old one)'
            cand --force 'With --save-private-key: overwrite FILE if it exists'
            cand --insecure-skip-tls-verify 'Do not verify the API server''s TLS certificate (insecure)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'kubectl-twister2;setup;zookeeper'= {
            cand --replicas 'Number of ZooKeeper servers: 1, 3 or 5'
            cand --image 'ZooKeeper image, pinned to a tag or digest (3.5 or newer)'
            cand --storage-class 'StorageClass of the data volume(s); giving it (or --storage-size) turns persistence on'
            cand --storage-size 'Size of each data volume (e.g. 5Gi); giving it (or --storage-class) turns persistence on'
            cand --timeout 'How long --wait waits (e.g. 90s, 5m)'
            cand --dry-run 'Only print what would be written (client: render locally; server: the server validates)'
            cand -o 'Print the objects written (or that would be written) in this format'
            cand --output 'Print the objects written (or that would be written) in this format'
            cand --kubeconfig 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)'
            cand --context 'The name of the kubeconfig context to use'
            cand --cluster 'The name of the kubeconfig cluster to use'
            cand --user 'The name of the kubeconfig user to use'
            cand -n 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --namespace 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --as 'Username to impersonate for the operation'
            cand --as-group 'Group to impersonate for the operation (repeatable)'
            cand --request-timeout 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)'
            cand -v 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --verbose 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --wait 'Wait until the pods are ready, showing progress on stderr'
            cand --insecure-skip-tls-verify 'Do not verify the API server''s TLS certificate (insecure)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'kubectl-twister2;setup;dashboard'= {
            cand --image 'Dashboard image, pinned to a tag or digest'
            cand --storage-class 'StorageClass of the data volume(s); giving it (or --storage-size) turns persistence on'
            cand --storage-size 'Size of each data volume (e.g. 5Gi); giving it (or --storage-class) turns persistence on'
            cand --timeout 'How long --wait waits (e.g. 90s, 5m)'
            cand --dry-run 'Only print what would be written (client: render locally; server: the server validates)'
            cand -o 'Print the objects written (or that would be written) in this format'
            cand --output 'Print the objects written (or that would be written) in this format'
            cand --kubeconfig 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)'
            cand --context 'The name of the kubeconfig context to use'
            cand --cluster 'The name of the kubeconfig cluster to use'
            cand --user 'The name of the kubeconfig user to use'
            cand -n 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --namespace 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --as 'Username to impersonate for the operation'
            cand --as-group 'Group to impersonate for the operation (repeatable)'
            cand --request-timeout 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)'
            cand -v 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --verbose 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --wait 'Wait until the pods are ready, showing progress on stderr'
            cand --insecure-skip-tls-verify 'Do not verify the API server''s TLS certificate (insecure)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'kubectl-twister2;setup;uploader'= {
            cand --replicas 'Number of nginx pods; every package is copied to each'
            cand --image 'nginx image, pinned to a tag or digest; it needs a shell and `tar`'
            cand --timeout 'How long --wait waits (e.g. 90s, 5m)'
            cand --dry-run 'Only print what would be written (client: render locally; server: the server validates)'
            cand -o 'Print the objects written (or that would be written) in this format'
            cand --output 'Print the objects written (or that would be written) in this format'
            cand --kubeconfig 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)'
            cand --context 'The name of the kubeconfig context to use'
            cand --cluster 'The name of the kubeconfig cluster to use'
            cand --user 'The name of the kubeconfig user to use'
            cand -n 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --namespace 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --as 'Username to impersonate for the operation'
            cand --as-group 'Group to impersonate for the operation (repeatable)'
            cand --request-timeout 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)'
            cand -v 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --verbose 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --wait 'Wait until the pods are ready, showing progress on stderr'
            cand --insecure-skip-tls-verify 'Do not verify the API server''s TLS certificate (insecure)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'kubectl-twister2;setup;all'= {
            cand --zookeeper-replicas 'Number of ZooKeeper servers with --zookeeper: 1, 3 or 5'
            cand --submitter 'Grant this user the submitter rights (repeatable); see `setup auth --submitter`'
            cand --submitter-group 'Grant this group the submitter rights (repeatable)'
            cand --key-type 'Type of the generated OpenMPI key'
            cand --uploader-replicas 'Number of uploader pods'
            cand --storage-class 'StorageClass of the data volume(s); giving it (or --storage-size) turns persistence on'
            cand --storage-size 'Size of each data volume (e.g. 5Gi); giving it (or --storage-class) turns persistence on'
            cand --timeout 'How long --wait waits (e.g. 90s, 5m)'
            cand --dry-run 'Only print what would be written (client: render locally; server: the server validates)'
            cand -o 'Print the objects written (or that would be written) in this format'
            cand --output 'Print the objects written (or that would be written) in this format'
            cand --kubeconfig 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)'
            cand --context 'The name of the kubeconfig context to use'
            cand --cluster 'The name of the kubeconfig cluster to use'
            cand --user 'The name of the kubeconfig user to use'
            cand -n 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --namespace 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --as 'Username to impersonate for the operation'
            cand --as-group 'Group to impersonate for the operation (repeatable)'
            cand --request-timeout 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)'
            cand -v 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --verbose 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --zookeeper 'Also set up ZooKeeper (one server unless --zookeeper-replicas)'
            cand --dashboard 'Also set up the dashboard'
            cand --wait 'Wait until the pods are ready, showing progress on stderr'
            cand --insecure-skip-tls-verify 'Do not verify the API server''s TLS certificate (insecure)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'kubectl-twister2;setup;status'= {
            cand --secret-name 'Name of the OpenMPI Secret to look at'
            cand --rack-key 'Node label key holding the rack (Twister2''s `twister2.resource.rack.labey.key`)'
            cand --datacenter-key 'Node label key holding the datacenter (`twister2.resource.datacenter.labey.key`)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --kubeconfig 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)'
            cand --context 'The name of the kubeconfig context to use'
            cand --cluster 'The name of the kubeconfig cluster to use'
            cand --user 'The name of the kubeconfig user to use'
            cand -n 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --namespace 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --as 'Username to impersonate for the operation'
            cand --as-group 'Group to impersonate for the operation (repeatable)'
            cand --request-timeout 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)'
            cand -v 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --verbose 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --no-headers 'Do not print the header row of tables'
            cand --insecure-skip-tls-verify 'Do not verify the API server''s TLS certificate (insecure)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'kubectl-twister2;setup;remove'= {
            cand --kubeconfig 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)'
            cand --context 'The name of the kubeconfig context to use'
            cand --cluster 'The name of the kubeconfig cluster to use'
            cand --user 'The name of the kubeconfig user to use'
            cand -n 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --namespace 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --as 'Username to impersonate for the operation'
            cand --as-group 'Group to impersonate for the operation (repeatable)'
            cand --request-timeout 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)'
            cand -v 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --verbose 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --all 'Remove every component'
            cand --delete-data 'Also delete the PersistentVolumeClaims (ZooKeeper and dashboard data); kept otherwise'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand --dry-run 'Only print what would be deleted'
            cand --insecure-skip-tls-verify 'Do not verify the API server''s TLS certificate (insecure)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'kubectl-twister2;setup;help'= {
            cand auth 'RBAC: Twister2''s Role and RoleBinding for job pods, optionally a Role for submitting users'
            cand openmpi-secret 'The SSH key Secret OpenMPI jobs mount (generated in-process, or imported)'
            cand zookeeper 'A ZooKeeper ensemble for fault-tolerant jobs'
            cand dashboard 'The Twister2 dashboard (Service and StatefulSet)'
            cand uploader 'The nginx web server job pods download their job package from'
            cand all 'auth, openmpi-secret and uploader in one go (--zookeeper and --dashboard add those)'
            cand status 'What is installed in the namespace, and whether it is ready'
            cand remove 'Delete what `setup` created (only objects labelled as managed by kubectl-twister2)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kubectl-twister2;setup;help;auth'= {
        }
        &'kubectl-twister2;setup;help;openmpi-secret'= {
        }
        &'kubectl-twister2;setup;help;zookeeper'= {
        }
        &'kubectl-twister2;setup;help;dashboard'= {
        }
        &'kubectl-twister2;setup;help;uploader'= {
        }
        &'kubectl-twister2;setup;help;all'= {
        }
        &'kubectl-twister2;setup;help;status'= {
        }
        &'kubectl-twister2;setup;help;remove'= {
        }
        &'kubectl-twister2;setup;help;help'= {
        }
        &'kubectl-twister2;dashboard'= {
            cand --port 'Local port to listen on (default: a free one)'
            cand --kubeconfig 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)'
            cand --context 'The name of the kubeconfig context to use'
            cand --cluster 'The name of the kubeconfig cluster to use'
            cand --user 'The name of the kubeconfig user to use'
            cand -n 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --namespace 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --as 'Username to impersonate for the operation'
            cand --as-group 'Group to impersonate for the operation (repeatable)'
            cand --request-timeout 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)'
            cand -v 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --verbose 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --insecure-skip-tls-verify 'Do not verify the API server''s TLS certificate (insecure)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'kubectl-twister2;nodes'= {
            cand --rack-key 'Node label key of racks (default: the config''s twister2.resource.rack.labey.key, else `rack`)'
            cand --datacenter-key 'Node label key of datacenters (default: the config''s twister2.resource.datacenter.labey.key, else `datacenter`)'
            cand --config 'A Twister2 config file (e.g. resource.yaml) to read the label keys from'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --kubeconfig 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)'
            cand --context 'The name of the kubeconfig context to use'
            cand --cluster 'The name of the kubeconfig cluster to use'
            cand --user 'The name of the kubeconfig user to use'
            cand -n 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --namespace 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --as 'Username to impersonate for the operation'
            cand --as-group 'Group to impersonate for the operation (repeatable)'
            cand --request-timeout 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)'
            cand -v 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --verbose 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand -A 'Count Twister2 pods in every namespace (default: the current namespace)'
            cand --all-namespaces 'Count Twister2 pods in every namespace (default: the current namespace)'
            cand --tree 'Draw datacenter → rack → node → Twister2 pods as a tree'
            cand --no-headers 'Do not print the header row of tables'
            cand --insecure-skip-tls-verify 'Do not verify the API server''s TLS certificate (insecure)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand label 'Set rack and datacenter labels: on the given nodes, or from a Twister2 config''s racks.list and datacenters.list. Everything is checked before the first change'
            cand unlabel 'Remove rack and/or datacenter labels from the given nodes (or from all)'
            cand export 'Print the current labels as a Twister2 config fragment (racks.list, datacenters.list), for `twister2.resource.kubernetes.node.locations.from.config: true`'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kubectl-twister2;nodes;label'= {
            cand --rack 'The rack to put the nodes in'
            cand --datacenter 'The datacenter to put the nodes in'
            cand --from-config 'Take racks and datacenters (and the label keys) from this Twister2 config file: twister2.resource.racks.list (rack → node addresses) and twister2.resource.datacenters.list (datacenter → racks)'
            cand --rack-key 'Node label key of racks (default: the config''s twister2.resource.rack.labey.key, else `rack`)'
            cand --datacenter-key 'Node label key of datacenters (default: the config''s twister2.resource.datacenter.labey.key, else `datacenter`)'
            cand --config 'A Twister2 config file (e.g. resource.yaml) to read the label keys from'
            cand --dry-run 'Only print what would be written (client: render locally; server: the server validates)'
            cand -o 'Print the objects written (or that would be written) in this format'
            cand --output 'Print the objects written (or that would be written) in this format'
            cand --kubeconfig 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)'
            cand --context 'The name of the kubeconfig context to use'
            cand --cluster 'The name of the kubeconfig cluster to use'
            cand --user 'The name of the kubeconfig user to use'
            cand -n 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --namespace 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --as 'Username to impersonate for the operation'
            cand --as-group 'Group to impersonate for the operation (repeatable)'
            cand --request-timeout 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)'
            cand -v 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --verbose 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --overwrite 'Replace values that are already set (a different existing value is otherwise refused)'
            cand --insecure-skip-tls-verify 'Do not verify the API server''s TLS certificate (insecure)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'kubectl-twister2;nodes;unlabel'= {
            cand --rack-key 'Node label key of racks (default: the config''s twister2.resource.rack.labey.key, else `rack`)'
            cand --datacenter-key 'Node label key of datacenters (default: the config''s twister2.resource.datacenter.labey.key, else `datacenter`)'
            cand --config 'A Twister2 config file (e.g. resource.yaml) to read the label keys from'
            cand --dry-run 'Only print what would be written (client: render locally; server: the server validates)'
            cand -o 'Print the objects written (or that would be written) in this format'
            cand --output 'Print the objects written (or that would be written) in this format'
            cand --kubeconfig 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)'
            cand --context 'The name of the kubeconfig context to use'
            cand --cluster 'The name of the kubeconfig cluster to use'
            cand --user 'The name of the kubeconfig user to use'
            cand -n 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --namespace 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --as 'Username to impersonate for the operation'
            cand --as-group 'Group to impersonate for the operation (repeatable)'
            cand --request-timeout 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)'
            cand -v 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --verbose 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --rack 'Remove the rack label (with neither --rack nor --datacenter: both)'
            cand --datacenter 'Remove the datacenter label (with neither --rack nor --datacenter: both)'
            cand --all 'Every node that carries the label(s)'
            cand --insecure-skip-tls-verify 'Do not verify the API server''s TLS certificate (insecure)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'kubectl-twister2;nodes;export'= {
            cand --rack-key 'Node label key of racks (default: the config''s twister2.resource.rack.labey.key, else `rack`)'
            cand --datacenter-key 'Node label key of datacenters (default: the config''s twister2.resource.datacenter.labey.key, else `datacenter`)'
            cand --config 'A Twister2 config file (e.g. resource.yaml) to read the label keys from'
            cand --kubeconfig 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)'
            cand --context 'The name of the kubeconfig context to use'
            cand --cluster 'The name of the kubeconfig cluster to use'
            cand --user 'The name of the kubeconfig user to use'
            cand -n 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --namespace 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --as 'Username to impersonate for the operation'
            cand --as-group 'Group to impersonate for the operation (repeatable)'
            cand --request-timeout 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)'
            cand -v 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --verbose 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --insecure-skip-tls-verify 'Do not verify the API server''s TLS certificate (insecure)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'kubectl-twister2;nodes;help'= {
            cand label 'Set rack and datacenter labels: on the given nodes, or from a Twister2 config''s racks.list and datacenters.list. Everything is checked before the first change'
            cand unlabel 'Remove rack and/or datacenter labels from the given nodes (or from all)'
            cand export 'Print the current labels as a Twister2 config fragment (racks.list, datacenters.list), for `twister2.resource.kubernetes.node.locations.from.config: true`'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kubectl-twister2;nodes;help;label'= {
        }
        &'kubectl-twister2;nodes;help;unlabel'= {
        }
        &'kubectl-twister2;nodes;help;export'= {
        }
        &'kubectl-twister2;nodes;help;help'= {
        }
        &'kubectl-twister2;version'= {
            cand -o 'Output format (default: human-readable lines)'
            cand --output 'Output format (default: human-readable lines)'
            cand --kubeconfig 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)'
            cand --context 'The name of the kubeconfig context to use'
            cand --cluster 'The name of the kubeconfig cluster to use'
            cand --user 'The name of the kubeconfig user to use'
            cand -n 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --namespace 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --as 'Username to impersonate for the operation'
            cand --as-group 'Group to impersonate for the operation (repeatable)'
            cand --request-timeout 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)'
            cand -v 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --verbose 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --client 'Print only the plugin''s version; do not contact the cluster'
            cand --insecure-skip-tls-verify 'Do not verify the API server''s TLS certificate (insecure)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'kubectl-twister2;completion'= {
            cand --kubeconfig 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)'
            cand --context 'The name of the kubeconfig context to use'
            cand --cluster 'The name of the kubeconfig cluster to use'
            cand --user 'The name of the kubeconfig user to use'
            cand -n 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --namespace 'The namespace to work in (default: the context''s namespace, else "default")'
            cand --as 'Username to impersonate for the operation'
            cand --as-group 'Group to impersonate for the operation (repeatable)'
            cand --request-timeout 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)'
            cand -v 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --verbose 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted'
            cand --insecure-skip-tls-verify 'Do not verify the API server''s TLS certificate (insecure)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'kubectl-twister2;help'= {
            cand submit 'Submit a Twister2 job: create its objects, deliver its package, wait until it runs'
            cand jobs 'List Twister2 jobs (including jobs submitted by Twister2''s own client)'
            cand describe 'Show a job''s objects, pods, compute resources, configuration and recent events'
            cand kill 'Kill Twister2 jobs: ask each job master to end its job, then delete what is left'
            cand logs 'Read or follow a job''s logs: every pod and container, each line prefixed by its source'
            cand endpoints 'List how to reach jobs'' workers from outside: NodePorts, load balancers, Ingresses'
            cand setup 'Prepare a namespace: RBAC, OpenMPI SSH Secret, ZooKeeper, dashboard, uploader'
            cand dashboard 'Open the Twister2 dashboard on a local port (native port-forward)'
            cand nodes 'Nodes'' racks and datacenters: list, draw as a tree, label, unlabel, export'
            cand version 'Print the plugin version and, unless --client, the API server''s version'
            cand completion 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kubectl-twister2;help;submit'= {
        }
        &'kubectl-twister2;help;jobs'= {
        }
        &'kubectl-twister2;help;describe'= {
        }
        &'kubectl-twister2;help;kill'= {
        }
        &'kubectl-twister2;help;logs'= {
        }
        &'kubectl-twister2;help;endpoints'= {
        }
        &'kubectl-twister2;help;setup'= {
            cand auth 'RBAC: Twister2''s Role and RoleBinding for job pods, optionally a Role for submitting users'
            cand openmpi-secret 'The SSH key Secret OpenMPI jobs mount (generated in-process, or imported)'
            cand zookeeper 'A ZooKeeper ensemble for fault-tolerant jobs'
            cand dashboard 'The Twister2 dashboard (Service and StatefulSet)'
            cand uploader 'The nginx web server job pods download their job package from'
            cand all 'auth, openmpi-secret and uploader in one go (--zookeeper and --dashboard add those)'
            cand status 'What is installed in the namespace, and whether it is ready'
            cand remove 'Delete what `setup` created (only objects labelled as managed by kubectl-twister2)'
        }
        &'kubectl-twister2;help;setup;auth'= {
        }
        &'kubectl-twister2;help;setup;openmpi-secret'= {
        }
        &'kubectl-twister2;help;setup;zookeeper'= {
        }
        &'kubectl-twister2;help;setup;dashboard'= {
        }
        &'kubectl-twister2;help;setup;uploader'= {
        }
        &'kubectl-twister2;help;setup;all'= {
        }
        &'kubectl-twister2;help;setup;status'= {
        }
        &'kubectl-twister2;help;setup;remove'= {
        }
        &'kubectl-twister2;help;dashboard'= {
        }
        &'kubectl-twister2;help;nodes'= {
            cand label 'Set rack and datacenter labels: on the given nodes, or from a Twister2 config''s racks.list and datacenters.list. Everything is checked before the first change'
            cand unlabel 'Remove rack and/or datacenter labels from the given nodes (or from all)'
            cand export 'Print the current labels as a Twister2 config fragment (racks.list, datacenters.list), for `twister2.resource.kubernetes.node.locations.from.config: true`'
        }
        &'kubectl-twister2;help;nodes;label'= {
        }
        &'kubectl-twister2;help;nodes;unlabel'= {
        }
        &'kubectl-twister2;help;nodes;export'= {
        }
        &'kubectl-twister2;help;version'= {
        }
        &'kubectl-twister2;help;completion'= {
        }
        &'kubectl-twister2;help;help'= {
        }
    ]
    $completions[$command]
}
