
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'kubectl-twister2' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'kubectl-twister2'
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
        'kubectl-twister2' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate for the operation (repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not verify the API server''s TLS certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('submit', 'submit', [CompletionResultType]::ParameterValue, 'Submit a Twister2 job: create its objects, deliver its package, wait until it runs')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart a checkpointed job from its saved package (same jobID, RESTORE_JOB=true)')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Remove ended jobs'' saved packages and kept persistent volume claims')
            [CompletionResult]::new('jobs', 'jobs', [CompletionResultType]::ParameterValue, 'List Twister2 jobs (including jobs submitted by Twister2''s own client)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List Twister2 jobs (including jobs submitted by Twister2''s own client)')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Show a job''s objects, pods, compute resources, configuration and recent events')
            [CompletionResult]::new('kill', 'kill', [CompletionResultType]::ParameterValue, 'Kill Twister2 jobs: ask each job master to end its job, then delete what is left')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Read or follow a job''s logs: every pod and container, each line prefixed by its source')
            [CompletionResult]::new('endpoints', 'endpoints', [CompletionResultType]::ParameterValue, 'List how to reach jobs'' workers from outside: NodePorts, load balancers, Ingresses')
            [CompletionResult]::new('setup', 'setup', [CompletionResultType]::ParameterValue, 'Prepare a namespace: RBAC, OpenMPI SSH Secret, ZooKeeper, dashboard, uploader')
            [CompletionResult]::new('dashboard', 'dashboard', [CompletionResultType]::ParameterValue, 'Open the Twister2 dashboard on a local port (native port-forward)')
            [CompletionResult]::new('nodes', 'nodes', [CompletionResultType]::ParameterValue, 'Nodes'' racks and datacenters: list, draw as a tree, label, unlabel, export')
            [CompletionResult]::new('version', 'version', [CompletionResultType]::ParameterValue, 'Print the plugin version and, unless --client, the API server''s version')
            [CompletionResult]::new('completion', 'completion', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-twister2;submit' {
            [CompletionResult]::new('--jar', '--jar', [CompletionResultType]::ParameterName, 'The job file: a jar (or zip / python file for the other --job-type values)')
            [CompletionResult]::new('--job-file', '--job-file', [CompletionResultType]::ParameterName, 'The job file: a jar (or zip / python file for the other --job-type values)')
            [CompletionResult]::new('--class', '--class', [CompletionResultType]::ParameterName, 'Worker class (twister2.resource.job.worker.class); required except for python jobs')
            [CompletionResult]::new('--driver-class', '--driver-class', [CompletionResultType]::ParameterName, 'Driver class (twister2.resource.job.driver.class)')
            [CompletionResult]::new('--job-type', '--job-type', [CompletionResultType]::ParameterName, 'Format of the job file')
            [CompletionResult]::new('--main-file', '--main-file', [CompletionResultType]::ParameterName, 'python_zip jobs: the Python file inside the zip that starts the job (Twister2''s main_file)')
            [CompletionResult]::new('--workers', '--workers', [CompletionResultType]::ParameterName, 'One compute resource of N pods, one worker per pod')
            [CompletionResult]::new('--compute-resource', '--compute-resource', [CompletionResultType]::ParameterName, 'A compute resource: cpu=1,memory=2Gi,disk=1Gi,instances=4,workers-per-pod=2[,scalable] (repeatable; index = order given)')
            [CompletionResult]::new('--cpu', '--cpu', [CompletionResultType]::ParameterName, 'CPU per worker (Kubernetes quantity: 0.5, 500m, 2), default for every compute resource')
            [CompletionResult]::new('--memory', '--memory', [CompletionResultType]::ParameterName, 'Memory per worker (Kubernetes quantity: 1Gi, 1024Mi), default for every compute resource')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Twister2 configuration file of flat dotted keys (repeatable; later files win)')
            [CompletionResult]::new('--conf-dir', '--conf-dir', [CompletionResultType]::ParameterName, 'A Twister2 distribution''s conf/ directory (common/ then kubernetes/ are read)')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Set one Twister2 configuration key (repeatable): KEY=VALUE')
            [CompletionResult]::new('--job-config', '--job-config', [CompletionResultType]::ParameterName, 'A value of the job configuration the workers read (JobConfig; repeatable): KEY=VALUE, VALUE in YAML (42 is an Integer, 42L a Long, 0.5 a Double, [a, b] a list)')
            [CompletionResult]::new('--job-config-file', '--job-config-file', [CompletionResultType]::ParameterName, 'A YAML map of job configuration values (repeatable; --job-config wins)')
            [CompletionResult]::new('--image', '--image', [CompletionResultType]::ParameterName, 'Container image of the job master and workers')
            [CompletionResult]::new('--image-pull-policy', '--image-pull-policy', [CompletionResultType]::ParameterName, 'Image pull policy: Always, IfNotPresent or Never')
            [CompletionResult]::new('--persistent-storage', '--persistent-storage', [CompletionResultType]::ParameterName, 'Give the job a persistent volume claim of SIZE per worker (e.g. 1Gi)')
            [CompletionResult]::new('--storage-class', '--storage-class', [CompletionResultType]::ParameterName, 'Storage class of the persistent volume claim')
            [CompletionResult]::new('--zookeeper', '--zookeeper', [CompletionResultType]::ParameterName, 'Use ZooKeeper (Twister2''s fault tolerance): --zookeeper uses the `setup zookeeper` service, --zookeeper=HOST:PORT[,HOST:PORT] these servers. Checkpointed jobs use the service when it exists')
            [CompletionResult]::new('--dashboard', '--dashboard', [CompletionResultType]::ParameterName, 'Dashboard URL; default: the `setup dashboard` service')
            [CompletionResult]::new('--image-pull-secret', '--image-pull-secret', [CompletionResultType]::ParameterName, 'Secret used to pull the image (must exist in the namespace)')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Run workers only on nodes labelled KEY=VALUE (repeatable; required node affinity)')
            [CompletionResult]::new('--volume', '--volume', [CompletionResultType]::ParameterName, 'Mount an existing PersistentVolumeClaim in the job master and workers: CLAIM:/path[:ro]')
            [CompletionResult]::new('--expose', '--expose', [CompletionResultType]::ParameterName, 'Expose the workers: nodeport[=PORT], loadbalancer, or ingress=HOST[/PATH]')
            [CompletionResult]::new('--load-balancer-source-range', '--load-balancer-source-range', [CompletionResultType]::ParameterName, 'Allowed client CIDR of a LoadBalancer (repeatable)')
            [CompletionResult]::new('--ingress-class', '--ingress-class', [CompletionResultType]::ParameterName, 'Ingress class of `--expose ingress`')
            [CompletionResult]::new('--tls-secret', '--tls-secret', [CompletionResultType]::ParameterName, 'TLS Secret of `--expose ingress`')
            [CompletionResult]::new('--external-traffic-policy', '--external-traffic-policy', [CompletionResultType]::ParameterName, 'externalTrafficPolicy of the NodePort/LoadBalancer service: Cluster or Local')
            [CompletionResult]::new('--spread', '--spread', [CompletionResultType]::ParameterName, 'Spread workers evenly over racks, datacenters or nodes (topology spread constraints)')
            [CompletionResult]::new('--rack', '--rack', [CompletionResultType]::ParameterName, 'Run workers only in this rack (repeatable)')
            [CompletionResult]::new('--datacenter', '--datacenter', [CompletionResultType]::ParameterName, 'Run workers only in this datacenter (repeatable)')
            [CompletionResult]::new('--job-id', '--job-id', [CompletionResultType]::ParameterName, 'Use this job ID instead of generating one')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit of each waiting phase (pods scheduled, running, package delivered)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Only print what would be written (client: render locally; server: the server validates)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Print the objects written (or that would be written) in this format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Print the objects written (or that would be written) in this format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate for the operation (repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--openmpi', '--openmpi', [CompletionResultType]::ParameterName, 'Run as an OpenMPI job (needs the SSH Secret from `setup openmpi-secret`)')
            [CompletionResult]::new('--guaranteed', '--guaranteed', [CompletionResultType]::ParameterName, 'Guaranteed QoS: limits equal to requests on every container')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Stay until the job ends; exit non-zero if it ended FAILED or KILLED')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Stream the job''s logs (every pod, prefixed) while waiting for it to end; implies --wait')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Stream the job''s logs (every pod, prefixed) while waiting for it to end; implies --wait')
            [CompletionResult]::new('--detach', '--detach', [CompletionResultType]::ParameterName, 'Return right after the objects are created (web-server upload only)')
            [CompletionResult]::new('--skip-scheduling-checks', '--skip-scheduling-checks', [CompletionResultType]::ParameterName, 'Create the job even when no node could take its pods or no StorageClass its claim (for clusters where an autoscaler adds nodes or a provisioner classes on demand)')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not verify the API server''s TLS certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'kubectl-twister2;restart' {
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, 'Directory of saved packages (twister2.resource.uploader.directory); default ~/.twister2/repository, where Twister2''s own client keeps them too')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit of each waiting phase (pods scheduled, running, package delivered)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Only print what would be written (client: render locally; server: the server validates)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Print the objects written (or that would be written) in this format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Print the objects written (or that would be written) in this format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate for the operation (repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Stay until the job ends; exit non-zero if it ended FAILED or KILLED')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Stream the job''s logs (every pod, prefixed) while waiting for it to end; implies --wait')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Stream the job''s logs (every pod, prefixed) while waiting for it to end; implies --wait')
            [CompletionResult]::new('--detach', '--detach', [CompletionResultType]::ParameterName, 'Return right after the objects are created (web-server upload only)')
            [CompletionResult]::new('--skip-scheduling-checks', '--skip-scheduling-checks', [CompletionResultType]::ParameterName, 'Create the job even when no node could take its pods or no StorageClass its claim (for clusters where an autoscaler adds nodes or a provisioner classes on demand)')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not verify the API server''s TLS certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'kubectl-twister2;clear' {
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, 'Directory of saved packages (default ~/.twister2/repository)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate for the operation (repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every saved package and kept claim of a job that is not running (Twister2''s clearall)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Only list what would be removed')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not verify the API server''s TLS certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kubectl-twister2;jobs' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate for the operation (repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'List jobs in every namespace')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'List jobs in every namespace')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Do not print the header row of tables')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not verify the API server''s TLS certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'kubectl-twister2;list' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate for the operation (repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'List jobs in every namespace')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'List jobs in every namespace')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Do not print the header row of tables')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not verify the API server''s TLS certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'kubectl-twister2;describe' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate for the operation (repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--last', '--last', [CompletionResultType]::ParameterName, 'Describe the job this plugin submitted last')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not verify the API server''s TLS certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kubectl-twister2;kill' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to let the job master clean up before deleting what is left')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate for the operation (repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--last', '--last', [CompletionResultType]::ParameterName, 'Kill the job this plugin submitted last')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Kill every Twister2 job in the namespace')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--keep-data', '--keep-data', [CompletionResultType]::ParameterName, 'Keep the job''s persistent volume claim, its package in S3 (S3 upload method) and its saved package (checkpointed jobs, for `restart`). Twister2''s job master deletes the claim when it ends a killed job, so a job with a claim is then not signalled: its other objects are deleted directly')
            [CompletionResult]::new('--ignore-not-found', '--ignore-not-found', [CompletionResultType]::ParameterName, 'Exit 0 when a job does not exist')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not verify the API server''s TLS certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kubectl-twister2;logs' {
            [CompletionResult]::new('--worker', '--worker', [CompletionResultType]::ParameterName, 'Only these workers: an ID or a range FROM-TO (repeatable, or comma-separated)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Only containers with this name (e.g. twister2-container-1)')
            [CompletionResult]::new('--container', '--container', [CompletionResultType]::ParameterName, 'Only containers with this name (e.g. twister2-container-1)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only lines newer than this (e.g. 30s, 5m, 1h)')
            [CompletionResult]::new('--since-time', '--since-time', [CompletionResultType]::ParameterName, 'Only lines at or after this time (RFC 3339, e.g. 2025-01-31T12:00:00Z)')
            [CompletionResult]::new('--tail', '--tail', [CompletionResultType]::ParameterName, 'Lines of each container''s existing log to show: -1 for all (default: all, or 10 with -f)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour the prefixes: auto (on a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--max-concurrency', '--max-concurrency', [CompletionResultType]::ParameterName, 'Most log streams open at once; more containers are read as streams end')
            [CompletionResult]::new('--save', '--save', [CompletionResultType]::ParameterName, 'Write one file per container instance into DIR, named as Twister2''s client names them (worker<ID>-ip<podIP>-0.log, job-master-ip<podIP>-0.log; older instances -1, -2, …), instead of printing')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'With -f: give up when no pod of the job appeared within this time (e.g. 2m)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate for the operation (repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--last', '--last', [CompletionResultType]::ParameterName, 'The job this plugin submitted last')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Keep following: new pods, restarted containers and dropped streams, until the job ends (its ConfigMap is gone) or Ctrl-C')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Keep following: new pods, restarted containers and dropped streams, until the job ends (its ConfigMap is gone) or Ctrl-C')
            [CompletionResult]::new('--job-master', '--job-master', [CompletionResultType]::ParameterName, 'Only the job master (with --worker: the job master and those workers)')
            [CompletionResult]::new('--timestamps', '--timestamps', [CompletionResultType]::ParameterName, 'Start each line with the time the API server recorded for it')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'The previous instance of each container (with -f: restarted containers'' previous instance first, then the current one)')
            [CompletionResult]::new('--previous', '--previous', [CompletionResultType]::ParameterName, 'The previous instance of each container (with -f: restarted containers'' previous instance first, then the current one)')
            [CompletionResult]::new('--no-prefix', '--no-prefix', [CompletionResultType]::ParameterName, 'Do not start lines with their source (worker-7, job-master)')
            [CompletionResult]::new('--files', '--files', [CompletionResultType]::ParameterName, 'Fetch the log files Twister2 writes inside the pods (/twister2-volatile/logs or /persistent/logs) through exec')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not verify the API server''s TLS certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'kubectl-twister2;endpoints' {
            [CompletionResult]::new('--address-type', '--address-type', [CompletionResultType]::ParameterName, 'Node address on NodePort rows (default: ExternalIP when the node has one, else InternalIP)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate for the operation (repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'List the endpoints of every namespace')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'List the endpoints of every namespace')
            [CompletionResult]::new('--all-services', '--all-services', [CompletionResultType]::ParameterName, 'Also list the services setup created (dashboard, uploader, ZooKeeper): cluster DNS name, NodePort if any, and the `kubectl proxy` URL of the dashboard')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Probe every TCP endpoint with a connect (concurrent, each limited by --request-timeout, 5s when none is set) and add REACHABLE and LATENCY; with -o name, print only reachable endpoints')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Do not print the header row of tables')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not verify the API server''s TLS certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'kubectl-twister2;setup' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate for the operation (repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not verify the API server''s TLS certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'RBAC: Twister2''s Role and RoleBinding for job pods, optionally a Role for submitting users')
            [CompletionResult]::new('openmpi-secret', 'openmpi-secret', [CompletionResultType]::ParameterValue, 'The SSH key Secret OpenMPI jobs mount (generated in-process, or imported)')
            [CompletionResult]::new('zookeeper', 'zookeeper', [CompletionResultType]::ParameterValue, 'A ZooKeeper ensemble for fault-tolerant jobs')
            [CompletionResult]::new('dashboard', 'dashboard', [CompletionResultType]::ParameterValue, 'The Twister2 dashboard (Service and StatefulSet)')
            [CompletionResult]::new('uploader', 'uploader', [CompletionResultType]::ParameterValue, 'The nginx web server job pods download their job package from')
            [CompletionResult]::new('all', 'all', [CompletionResultType]::ParameterValue, 'auth, openmpi-secret and uploader in one go (--zookeeper and --dashboard add those)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'What is installed in the namespace, and whether it is ready')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Delete what `setup` created (only objects labelled as managed by kubectl-twister2)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-twister2;setup;auth' {
            [CompletionResult]::new('--service-account', '--service-account', [CompletionResultType]::ParameterName, 'Bind the job Role to this ServiceAccount instead of `default` (created if missing)')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Bind the job Role to this group (repeatable); `system:authenticated` is what Twister2''s own file does')
            [CompletionResult]::new('--submitter', '--submitter', [CompletionResultType]::ParameterName, 'Grant this user the rights submit, kill, jobs, logs and endpoints need (repeatable)')
            [CompletionResult]::new('--submitter-group', '--submitter-group', [CompletionResultType]::ParameterName, 'Grant this group the submitter rights (repeatable)')
            [CompletionResult]::new('--secret-name', '--secret-name', [CompletionResultType]::ParameterName, 'Name of the OpenMPI Secret submitters may check (`kubernetes.secret.name`)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Only print what would be written (client: render locally; server: the server validates)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Print the objects written (or that would be written) in this format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Print the objects written (or that would be written) in this format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate for the operation (repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--nodes', '--nodes', [CompletionResultType]::ParameterName, 'Also let submitters list nodes (cluster-wide; for rack/datacenter info and endpoints)')
            [CompletionResult]::new('--label-nodes', '--label-nodes', [CompletionResultType]::ParameterName, 'With --nodes: also let submitters label nodes (`nodes label`)')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not verify the API server''s TLS certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'kubectl-twister2;setup;openmpi-secret' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Secret name; must match `kubernetes.secret.name` in the jobs'' configuration')
            [CompletionResult]::new('--key-type', '--key-type', [CompletionResultType]::ParameterName, 'Type of the generated key')
            [CompletionResult]::new('--from-private-key', '--from-private-key', [CompletionResultType]::ParameterName, 'Import this private key (OpenSSH or unencrypted PEM) instead of generating one')
            [CompletionResult]::new('--save-private-key', '--save-private-key', [CompletionResultType]::ParameterName, 'Also write the private key to FILE (mode 0600)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Only print what would be written (client: render locally; server: the server validates)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Print the objects written (or that would be written) in this format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Print the objects written (or that would be written) in this format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate for the operation (repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--rotate', '--rotate', [CompletionResultType]::ParameterName, 'Replace the key of an existing Secret (running OpenMPI jobs keep the old one)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'With --save-private-key: overwrite FILE if it exists')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not verify the API server''s TLS certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'kubectl-twister2;setup;zookeeper' {
            [CompletionResult]::new('--replicas', '--replicas', [CompletionResultType]::ParameterName, 'Number of ZooKeeper servers: 1, 3 or 5')
            [CompletionResult]::new('--image', '--image', [CompletionResultType]::ParameterName, 'ZooKeeper image, pinned to a tag or digest (3.5 or newer)')
            [CompletionResult]::new('--storage-class', '--storage-class', [CompletionResultType]::ParameterName, 'StorageClass of the data volume(s); giving it (or --storage-size) turns persistence on')
            [CompletionResult]::new('--storage-size', '--storage-size', [CompletionResultType]::ParameterName, 'Size of each data volume (e.g. 5Gi); giving it (or --storage-class) turns persistence on')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long --wait waits (e.g. 90s, 5m)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Only print what would be written (client: render locally; server: the server validates)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Print the objects written (or that would be written) in this format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Print the objects written (or that would be written) in this format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate for the operation (repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait until the pods are ready, showing progress on stderr')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not verify the API server''s TLS certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'kubectl-twister2;setup;dashboard' {
            [CompletionResult]::new('--image', '--image', [CompletionResultType]::ParameterName, 'Dashboard image, pinned to a tag or digest')
            [CompletionResult]::new('--storage-class', '--storage-class', [CompletionResultType]::ParameterName, 'StorageClass of the data volume(s); giving it (or --storage-size) turns persistence on')
            [CompletionResult]::new('--storage-size', '--storage-size', [CompletionResultType]::ParameterName, 'Size of each data volume (e.g. 5Gi); giving it (or --storage-class) turns persistence on')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long --wait waits (e.g. 90s, 5m)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Only print what would be written (client: render locally; server: the server validates)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Print the objects written (or that would be written) in this format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Print the objects written (or that would be written) in this format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate for the operation (repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait until the pods are ready, showing progress on stderr')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not verify the API server''s TLS certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'kubectl-twister2;setup;uploader' {
            [CompletionResult]::new('--replicas', '--replicas', [CompletionResultType]::ParameterName, 'Number of nginx pods; every package is copied to each')
            [CompletionResult]::new('--image', '--image', [CompletionResultType]::ParameterName, 'nginx image, pinned to a tag or digest; it needs a shell and `tar`')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long --wait waits (e.g. 90s, 5m)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Only print what would be written (client: render locally; server: the server validates)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Print the objects written (or that would be written) in this format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Print the objects written (or that would be written) in this format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate for the operation (repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait until the pods are ready, showing progress on stderr')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not verify the API server''s TLS certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'kubectl-twister2;setup;all' {
            [CompletionResult]::new('--zookeeper-replicas', '--zookeeper-replicas', [CompletionResultType]::ParameterName, 'Number of ZooKeeper servers with --zookeeper: 1, 3 or 5')
            [CompletionResult]::new('--submitter', '--submitter', [CompletionResultType]::ParameterName, 'Grant this user the submitter rights (repeatable); see `setup auth --submitter`')
            [CompletionResult]::new('--submitter-group', '--submitter-group', [CompletionResultType]::ParameterName, 'Grant this group the submitter rights (repeatable)')
            [CompletionResult]::new('--key-type', '--key-type', [CompletionResultType]::ParameterName, 'Type of the generated OpenMPI key')
            [CompletionResult]::new('--uploader-replicas', '--uploader-replicas', [CompletionResultType]::ParameterName, 'Number of uploader pods')
            [CompletionResult]::new('--storage-class', '--storage-class', [CompletionResultType]::ParameterName, 'StorageClass of the data volume(s); giving it (or --storage-size) turns persistence on')
            [CompletionResult]::new('--storage-size', '--storage-size', [CompletionResultType]::ParameterName, 'Size of each data volume (e.g. 5Gi); giving it (or --storage-class) turns persistence on')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long --wait waits (e.g. 90s, 5m)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Only print what would be written (client: render locally; server: the server validates)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Print the objects written (or that would be written) in this format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Print the objects written (or that would be written) in this format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate for the operation (repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--zookeeper', '--zookeeper', [CompletionResultType]::ParameterName, 'Also set up ZooKeeper (one server unless --zookeeper-replicas)')
            [CompletionResult]::new('--dashboard', '--dashboard', [CompletionResultType]::ParameterName, 'Also set up the dashboard')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait until the pods are ready, showing progress on stderr')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not verify the API server''s TLS certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'kubectl-twister2;setup;status' {
            [CompletionResult]::new('--secret-name', '--secret-name', [CompletionResultType]::ParameterName, 'Name of the OpenMPI Secret to look at')
            [CompletionResult]::new('--rack-key', '--rack-key', [CompletionResultType]::ParameterName, 'Node label key holding the rack (Twister2''s `twister2.resource.rack.labey.key`)')
            [CompletionResult]::new('--datacenter-key', '--datacenter-key', [CompletionResultType]::ParameterName, 'Node label key holding the datacenter (`twister2.resource.datacenter.labey.key`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate for the operation (repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Do not print the header row of tables')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not verify the API server''s TLS certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'kubectl-twister2;setup;remove' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate for the operation (repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Remove every component')
            [CompletionResult]::new('--delete-data', '--delete-data', [CompletionResultType]::ParameterName, 'Also delete the PersistentVolumeClaims (ZooKeeper and dashboard data); kept otherwise')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Only print what would be deleted')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not verify the API server''s TLS certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'kubectl-twister2;setup;help' {
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'RBAC: Twister2''s Role and RoleBinding for job pods, optionally a Role for submitting users')
            [CompletionResult]::new('openmpi-secret', 'openmpi-secret', [CompletionResultType]::ParameterValue, 'The SSH key Secret OpenMPI jobs mount (generated in-process, or imported)')
            [CompletionResult]::new('zookeeper', 'zookeeper', [CompletionResultType]::ParameterValue, 'A ZooKeeper ensemble for fault-tolerant jobs')
            [CompletionResult]::new('dashboard', 'dashboard', [CompletionResultType]::ParameterValue, 'The Twister2 dashboard (Service and StatefulSet)')
            [CompletionResult]::new('uploader', 'uploader', [CompletionResultType]::ParameterValue, 'The nginx web server job pods download their job package from')
            [CompletionResult]::new('all', 'all', [CompletionResultType]::ParameterValue, 'auth, openmpi-secret and uploader in one go (--zookeeper and --dashboard add those)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'What is installed in the namespace, and whether it is ready')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Delete what `setup` created (only objects labelled as managed by kubectl-twister2)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-twister2;setup;help;auth' {
            break
        }
        'kubectl-twister2;setup;help;openmpi-secret' {
            break
        }
        'kubectl-twister2;setup;help;zookeeper' {
            break
        }
        'kubectl-twister2;setup;help;dashboard' {
            break
        }
        'kubectl-twister2;setup;help;uploader' {
            break
        }
        'kubectl-twister2;setup;help;all' {
            break
        }
        'kubectl-twister2;setup;help;status' {
            break
        }
        'kubectl-twister2;setup;help;remove' {
            break
        }
        'kubectl-twister2;setup;help;help' {
            break
        }
        'kubectl-twister2;dashboard' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Local port to listen on (default: a free one)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate for the operation (repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not verify the API server''s TLS certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kubectl-twister2;nodes' {
            [CompletionResult]::new('--rack-key', '--rack-key', [CompletionResultType]::ParameterName, 'Node label key of racks (default: the config''s twister2.resource.rack.labey.key, else `rack`)')
            [CompletionResult]::new('--datacenter-key', '--datacenter-key', [CompletionResultType]::ParameterName, 'Node label key of datacenters (default: the config''s twister2.resource.datacenter.labey.key, else `datacenter`)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'A Twister2 config file (e.g. resource.yaml) to read the label keys from')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate for the operation (repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'Count Twister2 pods in every namespace (default: the current namespace)')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'Count Twister2 pods in every namespace (default: the current namespace)')
            [CompletionResult]::new('--tree', '--tree', [CompletionResultType]::ParameterName, 'Draw datacenter → rack → node → Twister2 pods as a tree')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Do not print the header row of tables')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not verify the API server''s TLS certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('label', 'label', [CompletionResultType]::ParameterValue, 'Set rack and datacenter labels: on the given nodes, or from a Twister2 config''s racks.list and datacenters.list. Everything is checked before the first change')
            [CompletionResult]::new('unlabel', 'unlabel', [CompletionResultType]::ParameterValue, 'Remove rack and/or datacenter labels from the given nodes (or from all)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print the current labels as a Twister2 config fragment (racks.list, datacenters.list), for `twister2.resource.kubernetes.node.locations.from.config: true`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-twister2;nodes;label' {
            [CompletionResult]::new('--rack', '--rack', [CompletionResultType]::ParameterName, 'The rack to put the nodes in')
            [CompletionResult]::new('--datacenter', '--datacenter', [CompletionResultType]::ParameterName, 'The datacenter to put the nodes in')
            [CompletionResult]::new('--from-config', '--from-config', [CompletionResultType]::ParameterName, 'Take racks and datacenters (and the label keys) from this Twister2 config file: twister2.resource.racks.list (rack → node addresses) and twister2.resource.datacenters.list (datacenter → racks)')
            [CompletionResult]::new('--rack-key', '--rack-key', [CompletionResultType]::ParameterName, 'Node label key of racks (default: the config''s twister2.resource.rack.labey.key, else `rack`)')
            [CompletionResult]::new('--datacenter-key', '--datacenter-key', [CompletionResultType]::ParameterName, 'Node label key of datacenters (default: the config''s twister2.resource.datacenter.labey.key, else `datacenter`)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'A Twister2 config file (e.g. resource.yaml) to read the label keys from')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Only print what would be written (client: render locally; server: the server validates)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Print the objects written (or that would be written) in this format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Print the objects written (or that would be written) in this format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate for the operation (repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--overwrite', '--overwrite', [CompletionResultType]::ParameterName, 'Replace values that are already set (a different existing value is otherwise refused)')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not verify the API server''s TLS certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'kubectl-twister2;nodes;unlabel' {
            [CompletionResult]::new('--rack-key', '--rack-key', [CompletionResultType]::ParameterName, 'Node label key of racks (default: the config''s twister2.resource.rack.labey.key, else `rack`)')
            [CompletionResult]::new('--datacenter-key', '--datacenter-key', [CompletionResultType]::ParameterName, 'Node label key of datacenters (default: the config''s twister2.resource.datacenter.labey.key, else `datacenter`)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'A Twister2 config file (e.g. resource.yaml) to read the label keys from')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Only print what would be written (client: render locally; server: the server validates)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Print the objects written (or that would be written) in this format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Print the objects written (or that would be written) in this format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate for the operation (repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--rack', '--rack', [CompletionResultType]::ParameterName, 'Remove the rack label (with neither --rack nor --datacenter: both)')
            [CompletionResult]::new('--datacenter', '--datacenter', [CompletionResultType]::ParameterName, 'Remove the datacenter label (with neither --rack nor --datacenter: both)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every node that carries the label(s)')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not verify the API server''s TLS certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'kubectl-twister2;nodes;export' {
            [CompletionResult]::new('--rack-key', '--rack-key', [CompletionResultType]::ParameterName, 'Node label key of racks (default: the config''s twister2.resource.rack.labey.key, else `rack`)')
            [CompletionResult]::new('--datacenter-key', '--datacenter-key', [CompletionResultType]::ParameterName, 'Node label key of datacenters (default: the config''s twister2.resource.datacenter.labey.key, else `datacenter`)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'A Twister2 config file (e.g. resource.yaml) to read the label keys from')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate for the operation (repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not verify the API server''s TLS certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kubectl-twister2;nodes;help' {
            [CompletionResult]::new('label', 'label', [CompletionResultType]::ParameterValue, 'Set rack and datacenter labels: on the given nodes, or from a Twister2 config''s racks.list and datacenters.list. Everything is checked before the first change')
            [CompletionResult]::new('unlabel', 'unlabel', [CompletionResultType]::ParameterValue, 'Remove rack and/or datacenter labels from the given nodes (or from all)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print the current labels as a Twister2 config fragment (racks.list, datacenters.list), for `twister2.resource.kubernetes.node.locations.from.config: true`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-twister2;nodes;help;label' {
            break
        }
        'kubectl-twister2;nodes;help;unlabel' {
            break
        }
        'kubectl-twister2;nodes;help;export' {
            break
        }
        'kubectl-twister2;nodes;help;help' {
            break
        }
        'kubectl-twister2;version' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (default: human-readable lines)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (default: human-readable lines)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate for the operation (repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--client', '--client', [CompletionResultType]::ParameterName, 'Print only the plugin''s version; do not contact the cluster')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not verify the API server''s TLS certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'kubectl-twister2;completion' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace to work in (default: the context''s namespace, else "default")')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate for the operation (repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not verify the API server''s TLS certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kubectl-twister2;help' {
            [CompletionResult]::new('submit', 'submit', [CompletionResultType]::ParameterValue, 'Submit a Twister2 job: create its objects, deliver its package, wait until it runs')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart a checkpointed job from its saved package (same jobID, RESTORE_JOB=true)')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Remove ended jobs'' saved packages and kept persistent volume claims')
            [CompletionResult]::new('jobs', 'jobs', [CompletionResultType]::ParameterValue, 'List Twister2 jobs (including jobs submitted by Twister2''s own client)')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Show a job''s objects, pods, compute resources, configuration and recent events')
            [CompletionResult]::new('kill', 'kill', [CompletionResultType]::ParameterValue, 'Kill Twister2 jobs: ask each job master to end its job, then delete what is left')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Read or follow a job''s logs: every pod and container, each line prefixed by its source')
            [CompletionResult]::new('endpoints', 'endpoints', [CompletionResultType]::ParameterValue, 'List how to reach jobs'' workers from outside: NodePorts, load balancers, Ingresses')
            [CompletionResult]::new('setup', 'setup', [CompletionResultType]::ParameterValue, 'Prepare a namespace: RBAC, OpenMPI SSH Secret, ZooKeeper, dashboard, uploader')
            [CompletionResult]::new('dashboard', 'dashboard', [CompletionResultType]::ParameterValue, 'Open the Twister2 dashboard on a local port (native port-forward)')
            [CompletionResult]::new('nodes', 'nodes', [CompletionResultType]::ParameterValue, 'Nodes'' racks and datacenters: list, draw as a tree, label, unlabel, export')
            [CompletionResult]::new('version', 'version', [CompletionResultType]::ParameterValue, 'Print the plugin version and, unless --client, the API server''s version')
            [CompletionResult]::new('completion', 'completion', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-twister2;help;submit' {
            break
        }
        'kubectl-twister2;help;restart' {
            break
        }
        'kubectl-twister2;help;clear' {
            break
        }
        'kubectl-twister2;help;jobs' {
            break
        }
        'kubectl-twister2;help;describe' {
            break
        }
        'kubectl-twister2;help;kill' {
            break
        }
        'kubectl-twister2;help;logs' {
            break
        }
        'kubectl-twister2;help;endpoints' {
            break
        }
        'kubectl-twister2;help;setup' {
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'RBAC: Twister2''s Role and RoleBinding for job pods, optionally a Role for submitting users')
            [CompletionResult]::new('openmpi-secret', 'openmpi-secret', [CompletionResultType]::ParameterValue, 'The SSH key Secret OpenMPI jobs mount (generated in-process, or imported)')
            [CompletionResult]::new('zookeeper', 'zookeeper', [CompletionResultType]::ParameterValue, 'A ZooKeeper ensemble for fault-tolerant jobs')
            [CompletionResult]::new('dashboard', 'dashboard', [CompletionResultType]::ParameterValue, 'The Twister2 dashboard (Service and StatefulSet)')
            [CompletionResult]::new('uploader', 'uploader', [CompletionResultType]::ParameterValue, 'The nginx web server job pods download their job package from')
            [CompletionResult]::new('all', 'all', [CompletionResultType]::ParameterValue, 'auth, openmpi-secret and uploader in one go (--zookeeper and --dashboard add those)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'What is installed in the namespace, and whether it is ready')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Delete what `setup` created (only objects labelled as managed by kubectl-twister2)')
            break
        }
        'kubectl-twister2;help;setup;auth' {
            break
        }
        'kubectl-twister2;help;setup;openmpi-secret' {
            break
        }
        'kubectl-twister2;help;setup;zookeeper' {
            break
        }
        'kubectl-twister2;help;setup;dashboard' {
            break
        }
        'kubectl-twister2;help;setup;uploader' {
            break
        }
        'kubectl-twister2;help;setup;all' {
            break
        }
        'kubectl-twister2;help;setup;status' {
            break
        }
        'kubectl-twister2;help;setup;remove' {
            break
        }
        'kubectl-twister2;help;dashboard' {
            break
        }
        'kubectl-twister2;help;nodes' {
            [CompletionResult]::new('label', 'label', [CompletionResultType]::ParameterValue, 'Set rack and datacenter labels: on the given nodes, or from a Twister2 config''s racks.list and datacenters.list. Everything is checked before the first change')
            [CompletionResult]::new('unlabel', 'unlabel', [CompletionResultType]::ParameterValue, 'Remove rack and/or datacenter labels from the given nodes (or from all)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print the current labels as a Twister2 config fragment (racks.list, datacenters.list), for `twister2.resource.kubernetes.node.locations.from.config: true`')
            break
        }
        'kubectl-twister2;help;nodes;label' {
            break
        }
        'kubectl-twister2;help;nodes;unlabel' {
            break
        }
        'kubectl-twister2;help;nodes;export' {
            break
        }
        'kubectl-twister2;help;version' {
            break
        }
        'kubectl-twister2;help;completion' {
            break
        }
        'kubectl-twister2;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
