#compdef kubectl-twister2

autoload -U is-at-least

_kubectl-twister2() {
    typeset -A opt_args
    typeset -a _arguments_options
    local ret=1

    if is-at-least 5.2; then
        _arguments_options=(-s -S -C)
    else
        _arguments_options=(-s -C)
    fi

    local context curcontext="$curcontext" state line
    _arguments "${_arguments_options[@]}" : \
'--kubeconfig=[Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)]:FILE:_files' \
'--context=[The name of the kubeconfig context to use]:NAME:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:NAME:_default' \
'--user=[The name of the kubeconfig user to use]:NAME:_default' \
'-n+[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--namespace=[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--as=[Username to impersonate for the operation]:USER:_default' \
'*--as-group=[Group to impersonate for the operation (repeatable)]:GROUP:_default' \
'--request-timeout=[How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)]:DURATION:_default' \
'-v+[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--verbose=[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--insecure-skip-tls-verify[Do not verify the API server'\''s TLS certificate (insecure)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
":: :_kubectl-twister2_commands" \
"*::: :->kubectl-twister2" \
&& ret=0
    case $state in
    (kubectl-twister2)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:kubectl-twister2-command-$line[1]:"
        case $line[1] in
            (submit)
_arguments "${_arguments_options[@]}" : \
'--jar=[The job file\: a jar (or zip / python file for the other --job-type values)]:FILE:_files' \
'--job-file=[The job file\: a jar (or zip / python file for the other --job-type values)]:FILE:_files' \
'--class=[Worker class (twister2.resource.job.worker.class); required except for python jobs]:WORKER_CLASS:_default' \
'--driver-class=[Driver class (twister2.resource.job.driver.class)]:CLASS:_default' \
'--job-type=[Format of the job file]:TYPE:(jar java_zip python python_zip)' \
'--main-file=[python_zip jobs\: the Python file inside the zip that starts the job (Twister2'\''s main_file)]:PATH:_default' \
'(--compute-resource)--workers=[One compute resource of N pods, one worker per pod]:N:_default' \
'*--compute-resource=[A compute resource\: cpu=1,memory=2Gi,disk=1Gi,instances=4,workers-per-pod=2\[,scalable\] (repeatable; index = order given)]:SPEC:_default' \
'--cpu=[CPU per worker (Kubernetes quantity\: 0.5, 500m, 2), default for every compute resource]:QUANTITY:_default' \
'--memory=[Memory per worker (Kubernetes quantity\: 1Gi, 1024Mi), default for every compute resource]:QUANTITY:_default' \
'*--config=[Twister2 configuration file of flat dotted keys (repeatable; later files win)]:FILE:_files' \
'--conf-dir=[A Twister2 distribution'\''s conf/ directory (common/ then kubernetes/ are read)]:DIR:_files' \
'*--set=[Set one Twister2 configuration key (repeatable)\: KEY=VALUE]:KEY=VALUE:_default' \
'*--job-config=[A value of the job configuration the workers read (JobConfig; repeatable)\: KEY=VALUE, VALUE in YAML (42 is an Integer, 42L a Long, 0.5 a Double, \[a, b\] a list)]:KEY=VALUE:_default' \
'*--job-config-file=[A YAML map of job configuration values (repeatable; --job-config wins)]:FILE:_files' \
'--image=[Container image of the job master and workers]:IMAGE:_default' \
'--image-pull-policy=[Image pull policy\: Always, IfNotPresent or Never]:POLICY:_default' \
'--persistent-storage=[Give the job a persistent volume claim of SIZE per worker (e.g. 1Gi)]:SIZE:_default' \
'--storage-class=[Storage class of the persistent volume claim]:CLASS:_default' \
'--zookeeper=[Use ZooKeeper (Twister2'\''s fault tolerance)\: --zookeeper uses the \`setup zookeeper\` service, --zookeeper=HOST\:PORT\[,HOST\:PORT\] these servers. Checkpointed jobs use the service when it exists]::ADDRESSES:_default' \
'--dashboard=[Dashboard URL; default\: the \`setup dashboard\` service]:URL:_default' \
'--image-pull-secret=[Secret used to pull the image (must exist in the namespace)]:NAME:_default' \
'*--target=[Run workers only on nodes labelled KEY=VALUE (repeatable; required node affinity)]:KEY=VALUE:_default' \
'*--volume=[Mount an existing PersistentVolumeClaim in the job master and workers\: CLAIM\:/path\[\:ro\]]:CLAIM:/PATH:_default' \
'--expose=[Expose the workers\: nodeport\[=PORT\], loadbalancer, or ingress=HOST\[/PATH\]]:HOW:_default' \
'*--load-balancer-source-range=[Allowed client CIDR of a LoadBalancer (repeatable)]:CIDR:_default' \
'--ingress-class=[Ingress class of \`--expose ingress\`]:CLASS:_default' \
'--tls-secret=[TLS Secret of \`--expose ingress\`]:SECRET:_default' \
'--external-traffic-policy=[externalTrafficPolicy of the NodePort/LoadBalancer service\: Cluster or Local]:POLICY:_default' \
'--spread=[Spread workers evenly over racks, datacenters or nodes (topology spread constraints)]:DOMAIN:(rack datacenter node)' \
'*--rack=[Run workers only in this rack (repeatable)]:RACK:_default' \
'*--datacenter=[Run workers only in this datacenter (repeatable)]:DATACENTER:_default' \
'--job-id=[Use this job ID instead of generating one]:ID:_default' \
'--timeout=[Limit of each waiting phase (pods scheduled, running, package delivered)]:DURATION:_default' \
'--dry-run=[Only print what would be written (client\: render locally; server\: the server validates)]::MODE:((none\:"Write to the cluster"
client\:"Render locally; contact no cluster"
server\:"Send to the server with dryRun=All; nothing is persisted"))' \
'-o+[Print the objects written (or that would be written) in this format]:OUTPUT:((yaml\:"YAML documents"
json\:"JSON (a \`List\` when there are several objects)"
name\:"\`kind/name\`, one per line"))' \
'--output=[Print the objects written (or that would be written) in this format]:OUTPUT:((yaml\:"YAML documents"
json\:"JSON (a \`List\` when there are several objects)"
name\:"\`kind/name\`, one per line"))' \
'--kubeconfig=[Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)]:FILE:_files' \
'--context=[The name of the kubeconfig context to use]:NAME:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:NAME:_default' \
'--user=[The name of the kubeconfig user to use]:NAME:_default' \
'-n+[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--namespace=[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--as=[Username to impersonate for the operation]:USER:_default' \
'*--as-group=[Group to impersonate for the operation (repeatable)]:GROUP:_default' \
'--request-timeout=[How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)]:DURATION:_default' \
'-v+[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--verbose=[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--openmpi[Run as an OpenMPI job (needs the SSH Secret from \`setup openmpi-secret\`)]' \
'--guaranteed[Guaranteed QoS\: limits equal to requests on every container]' \
'(--detach)--wait[Stay until the job ends; exit non-zero if it ended FAILED or KILLED]' \
'(--detach)-f[Stream the job'\''s logs (every pod, prefixed) while waiting for it to end; implies --wait]' \
'(--detach)--follow[Stream the job'\''s logs (every pod, prefixed) while waiting for it to end; implies --wait]' \
'--detach[Return right after the objects are created (web-server upload only)]' \
'--skip-scheduling-checks[Create the job even when no node could take its pods or no StorageClass its claim (for clusters where an autoscaler adds nodes or a provisioner classes on demand)]' \
'--insecure-skip-tls-verify[Do not verify the API server'\''s TLS certificate (insecure)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
':name -- Job name (lower-case letters, digits and dashes; other names are converted as Twister2 does, and the plugin says so):_default' \
'*::job_args -- Arguments of a Python job (its `args`); Java jobs'\'' workers never see arguments:_default' \
&& ret=0
;;
(restart)
_arguments "${_arguments_options[@]}" : \
'--repository=[Directory of saved packages (twister2.resource.uploader.directory); default ~/.twister2/repository, where Twister2'\''s own client keeps them too]:DIR:_files' \
'--timeout=[Limit of each waiting phase (pods scheduled, running, package delivered)]:DURATION:_default' \
'--dry-run=[Only print what would be written (client\: render locally; server\: the server validates)]::MODE:((none\:"Write to the cluster"
client\:"Render locally; contact no cluster"
server\:"Send to the server with dryRun=All; nothing is persisted"))' \
'-o+[Print the objects written (or that would be written) in this format]:OUTPUT:((yaml\:"YAML documents"
json\:"JSON (a \`List\` when there are several objects)"
name\:"\`kind/name\`, one per line"))' \
'--output=[Print the objects written (or that would be written) in this format]:OUTPUT:((yaml\:"YAML documents"
json\:"JSON (a \`List\` when there are several objects)"
name\:"\`kind/name\`, one per line"))' \
'--kubeconfig=[Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)]:FILE:_files' \
'--context=[The name of the kubeconfig context to use]:NAME:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:NAME:_default' \
'--user=[The name of the kubeconfig user to use]:NAME:_default' \
'-n+[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--namespace=[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--as=[Username to impersonate for the operation]:USER:_default' \
'*--as-group=[Group to impersonate for the operation (repeatable)]:GROUP:_default' \
'--request-timeout=[How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)]:DURATION:_default' \
'-v+[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--verbose=[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'(--detach)--wait[Stay until the job ends; exit non-zero if it ended FAILED or KILLED]' \
'(--detach)-f[Stream the job'\''s logs (every pod, prefixed) while waiting for it to end; implies --wait]' \
'(--detach)--follow[Stream the job'\''s logs (every pod, prefixed) while waiting for it to end; implies --wait]' \
'--detach[Return right after the objects are created (web-server upload only)]' \
'--skip-scheduling-checks[Create the job even when no node could take its pods or no StorageClass its claim (for clusters where an autoscaler adds nodes or a provisioner classes on demand)]' \
'--insecure-skip-tls-verify[Do not verify the API server'\''s TLS certificate (insecure)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
':job_id -- The checkpointed job to restart from its saved package:_default' \
&& ret=0
;;
(clear)
_arguments "${_arguments_options[@]}" : \
'--repository=[Directory of saved packages (default ~/.twister2/repository)]:DIR:_files' \
'--kubeconfig=[Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)]:FILE:_files' \
'--context=[The name of the kubeconfig context to use]:NAME:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:NAME:_default' \
'--user=[The name of the kubeconfig user to use]:NAME:_default' \
'-n+[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--namespace=[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--as=[Username to impersonate for the operation]:USER:_default' \
'*--as-group=[Group to impersonate for the operation (repeatable)]:GROUP:_default' \
'--request-timeout=[How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)]:DURATION:_default' \
'-v+[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--verbose=[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'()--all[Every saved package and kept claim of a job that is not running (Twister2'\''s clearall)]' \
'-y[Do not ask for confirmation]' \
'--yes[Do not ask for confirmation]' \
'--dry-run[Only list what would be removed]' \
'--insecure-skip-tls-verify[Do not verify the API server'\''s TLS certificate (insecure)]' \
'-h[Print help]' \
'--help[Print help]' \
'*::job_ids -- Ended jobs whose saved package and kept claim to remove:_default' \
&& ret=0
;;
(jobs)
_arguments "${_arguments_options[@]}" : \
'-o+[Output format]:OUTPUT:((table\:"Aligned columns, kubectl style"
wide\:"Table with extra columns"
json\:"JSON document"
yaml\:"YAML document"
name\:"One name per line"))' \
'--output=[Output format]:OUTPUT:((table\:"Aligned columns, kubectl style"
wide\:"Table with extra columns"
json\:"JSON document"
yaml\:"YAML document"
name\:"One name per line"))' \
'--kubeconfig=[Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)]:FILE:_files' \
'--context=[The name of the kubeconfig context to use]:NAME:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:NAME:_default' \
'--user=[The name of the kubeconfig user to use]:NAME:_default' \
'-n+[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--namespace=[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--as=[Username to impersonate for the operation]:USER:_default' \
'*--as-group=[Group to impersonate for the operation (repeatable)]:GROUP:_default' \
'--request-timeout=[How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)]:DURATION:_default' \
'-v+[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--verbose=[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'-A[List jobs in every namespace]' \
'--all-namespaces[List jobs in every namespace]' \
'--no-headers[Do not print the header row of tables]' \
'--insecure-skip-tls-verify[Do not verify the API server'\''s TLS certificate (insecure)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
'-o+[Output format]:OUTPUT:((table\:"Aligned columns, kubectl style"
wide\:"Table with extra columns"
json\:"JSON document"
yaml\:"YAML document"
name\:"One name per line"))' \
'--output=[Output format]:OUTPUT:((table\:"Aligned columns, kubectl style"
wide\:"Table with extra columns"
json\:"JSON document"
yaml\:"YAML document"
name\:"One name per line"))' \
'--kubeconfig=[Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)]:FILE:_files' \
'--context=[The name of the kubeconfig context to use]:NAME:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:NAME:_default' \
'--user=[The name of the kubeconfig user to use]:NAME:_default' \
'-n+[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--namespace=[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--as=[Username to impersonate for the operation]:USER:_default' \
'*--as-group=[Group to impersonate for the operation (repeatable)]:GROUP:_default' \
'--request-timeout=[How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)]:DURATION:_default' \
'-v+[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--verbose=[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'-A[List jobs in every namespace]' \
'--all-namespaces[List jobs in every namespace]' \
'--no-headers[Do not print the header row of tables]' \
'--insecure-skip-tls-verify[Do not verify the API server'\''s TLS certificate (insecure)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
&& ret=0
;;
(describe)
_arguments "${_arguments_options[@]}" : \
'--kubeconfig=[Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)]:FILE:_files' \
'--context=[The name of the kubeconfig context to use]:NAME:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:NAME:_default' \
'--user=[The name of the kubeconfig user to use]:NAME:_default' \
'-n+[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--namespace=[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--as=[Username to impersonate for the operation]:USER:_default' \
'*--as-group=[Group to impersonate for the operation (repeatable)]:GROUP:_default' \
'--request-timeout=[How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)]:DURATION:_default' \
'-v+[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--verbose=[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'()--last[Describe the job this plugin submitted last]' \
'--insecure-skip-tls-verify[Do not verify the API server'\''s TLS certificate (insecure)]' \
'-h[Print help]' \
'--help[Print help]' \
'::job_id -- The job to describe:_default' \
&& ret=0
;;
(kill)
_arguments "${_arguments_options[@]}" : \
'--timeout=[How long to let the job master clean up before deleting what is left]:DURATION:_default' \
'--kubeconfig=[Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)]:FILE:_files' \
'--context=[The name of the kubeconfig context to use]:NAME:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:NAME:_default' \
'--user=[The name of the kubeconfig user to use]:NAME:_default' \
'-n+[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--namespace=[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--as=[Username to impersonate for the operation]:USER:_default' \
'*--as-group=[Group to impersonate for the operation (repeatable)]:GROUP:_default' \
'--request-timeout=[How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)]:DURATION:_default' \
'-v+[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--verbose=[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'(--all)--last[Kill the job this plugin submitted last]' \
'()--all[Kill every Twister2 job in the namespace]' \
'-y[Do not ask for confirmation]' \
'--yes[Do not ask for confirmation]' \
'--keep-data[Keep the job'\''s persistent volume claim, its package in S3 (S3 upload method) and its saved package (checkpointed jobs, for \`restart\`). Twister2'\''s job master deletes the claim when it ends a killed job, so a job with a claim is then not signalled\: its other objects are deleted directly]' \
'--ignore-not-found[Exit 0 when a job does not exist]' \
'--insecure-skip-tls-verify[Do not verify the API server'\''s TLS certificate (insecure)]' \
'-h[Print help]' \
'--help[Print help]' \
'*::job_ids -- Jobs to kill:_default' \
&& ret=0
;;
(logs)
_arguments "${_arguments_options[@]}" : \
'*--worker=[Only these workers\: an ID or a range FROM-TO (repeatable, or comma-separated)]:ID|FROM-TO:_default' \
'-c+[Only containers with this name (e.g. twister2-container-1)]:NAME:_default' \
'--container=[Only containers with this name (e.g. twister2-container-1)]:NAME:_default' \
'(--since-time)--since=[Only lines newer than this (e.g. 30s, 5m, 1h)]:DURATION:_default' \
'--since-time=[Only lines at or after this time (RFC 3339, e.g. 2025-01-31T12\:00\:00Z)]:TIME:_default' \
'--tail=[Lines of each container'\''s existing log to show\: -1 for all (default\: all, or 10 with -f)]:N:_default' \
'(--save)--color=[Colour the prefixes\: auto (on a terminal, unless NO_COLOR is set), always, never]:WHEN:((auto\:"Colour when writing to a terminal and \`NO_COLOR\` is unset"
always\:"Always colour"
never\:"Never colour"))' \
'--max-concurrency=[Most log streams open at once; more containers are read as streams end]:N:_default' \
'--save=[Write one file per container instance into DIR, named as Twister2'\''s client names them (worker<ID>-ip<podIP>-0.log, job-master-ip<podIP>-0.log; older instances -1, -2, …), instead of printing]:DIR:_files' \
'--timeout=[With -f\: give up when no pod of the job appeared within this time (e.g. 2m)]:DURATION:_default' \
'--kubeconfig=[Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)]:FILE:_files' \
'--context=[The name of the kubeconfig context to use]:NAME:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:NAME:_default' \
'--user=[The name of the kubeconfig user to use]:NAME:_default' \
'-n+[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--namespace=[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--as=[Username to impersonate for the operation]:USER:_default' \
'*--as-group=[Group to impersonate for the operation (repeatable)]:GROUP:_default' \
'--request-timeout=[How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)]:DURATION:_default' \
'-v+[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--verbose=[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'()--last[The job this plugin submitted last]' \
'-f[Keep following\: new pods, restarted containers and dropped streams, until the job ends (its ConfigMap is gone) or Ctrl-C]' \
'--follow[Keep following\: new pods, restarted containers and dropped streams, until the job ends (its ConfigMap is gone) or Ctrl-C]' \
'--job-master[Only the job master (with --worker\: the job master and those workers)]' \
'--timestamps[Start each line with the time the API server recorded for it]' \
'-p[The previous instance of each container (with -f\: restarted containers'\'' previous instance first, then the current one)]' \
'--previous[The previous instance of each container (with -f\: restarted containers'\'' previous instance first, then the current one)]' \
'(--save)--no-prefix[Do not start lines with their source (worker-7, job-master)]' \
'(-f --follow -p --previous --since --since-time --tail --timestamps)--files[Fetch the log files Twister2 writes inside the pods (/twister2-volatile/logs or /persistent/logs) through exec]' \
'--insecure-skip-tls-verify[Do not verify the API server'\''s TLS certificate (insecure)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'::job_id -- The job whose logs to read:_default' \
&& ret=0
;;
(endpoints)
_arguments "${_arguments_options[@]}" : \
'--address-type=[Node address on NodePort rows (default\: ExternalIP when the node has one, else InternalIP)]:TYPE:((external\:"The node'\''s ExternalIP (nodes without one are left out)"
internal\:"The node'\''s InternalIP"
hostname\:"The node'\''s Hostname address"))' \
'-o+[Output format]:OUTPUT:((table\:"Aligned columns, kubectl style"
wide\:"Table with extra columns"
json\:"JSON document"
yaml\:"YAML document"
name\:"One name per line"))' \
'--output=[Output format]:OUTPUT:((table\:"Aligned columns, kubectl style"
wide\:"Table with extra columns"
json\:"JSON document"
yaml\:"YAML document"
name\:"One name per line"))' \
'--kubeconfig=[Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)]:FILE:_files' \
'--context=[The name of the kubeconfig context to use]:NAME:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:NAME:_default' \
'--user=[The name of the kubeconfig user to use]:NAME:_default' \
'-n+[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--namespace=[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--as=[Username to impersonate for the operation]:USER:_default' \
'*--as-group=[Group to impersonate for the operation (repeatable)]:GROUP:_default' \
'--request-timeout=[How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)]:DURATION:_default' \
'-v+[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--verbose=[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'-A[List the endpoints of every namespace]' \
'--all-namespaces[List the endpoints of every namespace]' \
'--all-services[Also list the services setup created (dashboard, uploader, ZooKeeper)\: cluster DNS name, NodePort if any, and the \`kubectl proxy\` URL of the dashboard]' \
'--check[Probe every TCP endpoint with a connect (concurrent, each limited by --request-timeout, 5s when none is set) and add REACHABLE and LATENCY; with -o name, print only reachable endpoints]' \
'--no-headers[Do not print the header row of tables]' \
'--insecure-skip-tls-verify[Do not verify the API server'\''s TLS certificate (insecure)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'*::job_ids -- Only these jobs (default\: every job in the namespace, whichever client submitted it):_default' \
&& ret=0
;;
(setup)
_arguments "${_arguments_options[@]}" : \
'--kubeconfig=[Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)]:FILE:_files' \
'--context=[The name of the kubeconfig context to use]:NAME:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:NAME:_default' \
'--user=[The name of the kubeconfig user to use]:NAME:_default' \
'-n+[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--namespace=[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--as=[Username to impersonate for the operation]:USER:_default' \
'*--as-group=[Group to impersonate for the operation (repeatable)]:GROUP:_default' \
'--request-timeout=[How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)]:DURATION:_default' \
'-v+[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--verbose=[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--insecure-skip-tls-verify[Do not verify the API server'\''s TLS certificate (insecure)]' \
'-h[Print help]' \
'--help[Print help]' \
":: :_kubectl-twister2__subcmd__setup_commands" \
"*::: :->setup" \
&& ret=0

    case $state in
    (setup)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:kubectl-twister2-setup-command-$line[1]:"
        case $line[1] in
            (auth)
_arguments "${_arguments_options[@]}" : \
'--service-account=[Bind the job Role to this ServiceAccount instead of \`default\` (created if missing)]:NAME:_default' \
'*--group=[Bind the job Role to this group (repeatable); \`system\:authenticated\` is what Twister2'\''s own file does]:GROUP:_default' \
'*--submitter=[Grant this user the rights submit, kill, jobs, logs and endpoints need (repeatable)]:USER:_default' \
'*--submitter-group=[Grant this group the submitter rights (repeatable)]:GROUP:_default' \
'--secret-name=[Name of the OpenMPI Secret submitters may check (\`kubernetes.secret.name\`)]:NAME:_default' \
'--dry-run=[Only print what would be written (client\: render locally; server\: the server validates)]::MODE:((none\:"Write to the cluster"
client\:"Render locally; contact no cluster"
server\:"Send to the server with dryRun=All; nothing is persisted"))' \
'-o+[Print the objects written (or that would be written) in this format]:OUTPUT:((yaml\:"YAML documents"
json\:"JSON (a \`List\` when there are several objects)"
name\:"\`kind/name\`, one per line"))' \
'--output=[Print the objects written (or that would be written) in this format]:OUTPUT:((yaml\:"YAML documents"
json\:"JSON (a \`List\` when there are several objects)"
name\:"\`kind/name\`, one per line"))' \
'--kubeconfig=[Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)]:FILE:_files' \
'--context=[The name of the kubeconfig context to use]:NAME:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:NAME:_default' \
'--user=[The name of the kubeconfig user to use]:NAME:_default' \
'-n+[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--namespace=[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--as=[Username to impersonate for the operation]:USER:_default' \
'*--as-group=[Group to impersonate for the operation (repeatable)]:GROUP:_default' \
'--request-timeout=[How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)]:DURATION:_default' \
'-v+[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--verbose=[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--nodes[Also let submitters list nodes (cluster-wide; for rack/datacenter info and endpoints)]' \
'--label-nodes[With --nodes\: also let submitters label nodes (\`nodes label\`)]' \
'--insecure-skip-tls-verify[Do not verify the API server'\''s TLS certificate (insecure)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
&& ret=0
;;
(openmpi-secret)
_arguments "${_arguments_options[@]}" : \
'--name=[Secret name; must match \`kubernetes.secret.name\` in the jobs'\'' configuration]:NAME:_default' \
'(--from-private-key)--key-type=[Type of the generated key]:KEY_TYPE:((rsa\:"RSA 3072 (works with the old OpenSSH in Twister2'\''s image)"
ed25519\:"Ed25519"))' \
'--from-private-key=[Import this private key (OpenSSH or unencrypted PEM) instead of generating one]:FILE:_files' \
'--save-private-key=[Also write the private key to FILE (mode 0600)]:FILE:_files' \
'--dry-run=[Only print what would be written (client\: render locally; server\: the server validates)]::MODE:((none\:"Write to the cluster"
client\:"Render locally; contact no cluster"
server\:"Send to the server with dryRun=All; nothing is persisted"))' \
'-o+[Print the objects written (or that would be written) in this format]:OUTPUT:((yaml\:"YAML documents"
json\:"JSON (a \`List\` when there are several objects)"
name\:"\`kind/name\`, one per line"))' \
'--output=[Print the objects written (or that would be written) in this format]:OUTPUT:((yaml\:"YAML documents"
json\:"JSON (a \`List\` when there are several objects)"
name\:"\`kind/name\`, one per line"))' \
'--kubeconfig=[Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)]:FILE:_files' \
'--context=[The name of the kubeconfig context to use]:NAME:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:NAME:_default' \
'--user=[The name of the kubeconfig user to use]:NAME:_default' \
'-n+[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--namespace=[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--as=[Username to impersonate for the operation]:USER:_default' \
'*--as-group=[Group to impersonate for the operation (repeatable)]:GROUP:_default' \
'--request-timeout=[How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)]:DURATION:_default' \
'-v+[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--verbose=[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--rotate[Replace the key of an existing Secret (running OpenMPI jobs keep the old one)]' \
'--force[With --save-private-key\: overwrite FILE if it exists]' \
'--insecure-skip-tls-verify[Do not verify the API server'\''s TLS certificate (insecure)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
&& ret=0
;;
(zookeeper)
_arguments "${_arguments_options[@]}" : \
'--replicas=[Number of ZooKeeper servers\: 1, 3 or 5]:N:_default' \
'--image=[ZooKeeper image, pinned to a tag or digest (3.5 or newer)]:IMAGE:_default' \
'--storage-class=[StorageClass of the data volume(s); giving it (or --storage-size) turns persistence on]:CLASS:_default' \
'--storage-size=[Size of each data volume (e.g. 5Gi); giving it (or --storage-class) turns persistence on]:SIZE:_default' \
'--timeout=[How long --wait waits (e.g. 90s, 5m)]:DURATION:_default' \
'--dry-run=[Only print what would be written (client\: render locally; server\: the server validates)]::MODE:((none\:"Write to the cluster"
client\:"Render locally; contact no cluster"
server\:"Send to the server with dryRun=All; nothing is persisted"))' \
'-o+[Print the objects written (or that would be written) in this format]:OUTPUT:((yaml\:"YAML documents"
json\:"JSON (a \`List\` when there are several objects)"
name\:"\`kind/name\`, one per line"))' \
'--output=[Print the objects written (or that would be written) in this format]:OUTPUT:((yaml\:"YAML documents"
json\:"JSON (a \`List\` when there are several objects)"
name\:"\`kind/name\`, one per line"))' \
'--kubeconfig=[Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)]:FILE:_files' \
'--context=[The name of the kubeconfig context to use]:NAME:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:NAME:_default' \
'--user=[The name of the kubeconfig user to use]:NAME:_default' \
'-n+[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--namespace=[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--as=[Username to impersonate for the operation]:USER:_default' \
'*--as-group=[Group to impersonate for the operation (repeatable)]:GROUP:_default' \
'--request-timeout=[How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)]:DURATION:_default' \
'-v+[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--verbose=[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--wait[Wait until the pods are ready, showing progress on stderr]' \
'--insecure-skip-tls-verify[Do not verify the API server'\''s TLS certificate (insecure)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
&& ret=0
;;
(dashboard)
_arguments "${_arguments_options[@]}" : \
'--image=[Dashboard image, pinned to a tag or digest]:IMAGE:_default' \
'--storage-class=[StorageClass of the data volume(s); giving it (or --storage-size) turns persistence on]:CLASS:_default' \
'--storage-size=[Size of each data volume (e.g. 5Gi); giving it (or --storage-class) turns persistence on]:SIZE:_default' \
'--timeout=[How long --wait waits (e.g. 90s, 5m)]:DURATION:_default' \
'--dry-run=[Only print what would be written (client\: render locally; server\: the server validates)]::MODE:((none\:"Write to the cluster"
client\:"Render locally; contact no cluster"
server\:"Send to the server with dryRun=All; nothing is persisted"))' \
'-o+[Print the objects written (or that would be written) in this format]:OUTPUT:((yaml\:"YAML documents"
json\:"JSON (a \`List\` when there are several objects)"
name\:"\`kind/name\`, one per line"))' \
'--output=[Print the objects written (or that would be written) in this format]:OUTPUT:((yaml\:"YAML documents"
json\:"JSON (a \`List\` when there are several objects)"
name\:"\`kind/name\`, one per line"))' \
'--kubeconfig=[Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)]:FILE:_files' \
'--context=[The name of the kubeconfig context to use]:NAME:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:NAME:_default' \
'--user=[The name of the kubeconfig user to use]:NAME:_default' \
'-n+[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--namespace=[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--as=[Username to impersonate for the operation]:USER:_default' \
'*--as-group=[Group to impersonate for the operation (repeatable)]:GROUP:_default' \
'--request-timeout=[How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)]:DURATION:_default' \
'-v+[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--verbose=[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--wait[Wait until the pods are ready, showing progress on stderr]' \
'--insecure-skip-tls-verify[Do not verify the API server'\''s TLS certificate (insecure)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
&& ret=0
;;
(uploader)
_arguments "${_arguments_options[@]}" : \
'--replicas=[Number of nginx pods; every package is copied to each]:N:_default' \
'--image=[nginx image, pinned to a tag or digest; it needs a shell and \`tar\`]:IMAGE:_default' \
'--timeout=[How long --wait waits (e.g. 90s, 5m)]:DURATION:_default' \
'--dry-run=[Only print what would be written (client\: render locally; server\: the server validates)]::MODE:((none\:"Write to the cluster"
client\:"Render locally; contact no cluster"
server\:"Send to the server with dryRun=All; nothing is persisted"))' \
'-o+[Print the objects written (or that would be written) in this format]:OUTPUT:((yaml\:"YAML documents"
json\:"JSON (a \`List\` when there are several objects)"
name\:"\`kind/name\`, one per line"))' \
'--output=[Print the objects written (or that would be written) in this format]:OUTPUT:((yaml\:"YAML documents"
json\:"JSON (a \`List\` when there are several objects)"
name\:"\`kind/name\`, one per line"))' \
'--kubeconfig=[Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)]:FILE:_files' \
'--context=[The name of the kubeconfig context to use]:NAME:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:NAME:_default' \
'--user=[The name of the kubeconfig user to use]:NAME:_default' \
'-n+[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--namespace=[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--as=[Username to impersonate for the operation]:USER:_default' \
'*--as-group=[Group to impersonate for the operation (repeatable)]:GROUP:_default' \
'--request-timeout=[How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)]:DURATION:_default' \
'-v+[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--verbose=[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--wait[Wait until the pods are ready, showing progress on stderr]' \
'--insecure-skip-tls-verify[Do not verify the API server'\''s TLS certificate (insecure)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
&& ret=0
;;
(all)
_arguments "${_arguments_options[@]}" : \
'--zookeeper-replicas=[Number of ZooKeeper servers with --zookeeper\: 1, 3 or 5]:N:_default' \
'*--submitter=[Grant this user the submitter rights (repeatable); see \`setup auth --submitter\`]:USER:_default' \
'*--submitter-group=[Grant this group the submitter rights (repeatable)]:GROUP:_default' \
'--key-type=[Type of the generated OpenMPI key]:KEY_TYPE:((rsa\:"RSA 3072 (works with the old OpenSSH in Twister2'\''s image)"
ed25519\:"Ed25519"))' \
'--uploader-replicas=[Number of uploader pods]:N:_default' \
'--storage-class=[StorageClass of the data volume(s); giving it (or --storage-size) turns persistence on]:CLASS:_default' \
'--storage-size=[Size of each data volume (e.g. 5Gi); giving it (or --storage-class) turns persistence on]:SIZE:_default' \
'--timeout=[How long --wait waits (e.g. 90s, 5m)]:DURATION:_default' \
'--dry-run=[Only print what would be written (client\: render locally; server\: the server validates)]::MODE:((none\:"Write to the cluster"
client\:"Render locally; contact no cluster"
server\:"Send to the server with dryRun=All; nothing is persisted"))' \
'-o+[Print the objects written (or that would be written) in this format]:OUTPUT:((yaml\:"YAML documents"
json\:"JSON (a \`List\` when there are several objects)"
name\:"\`kind/name\`, one per line"))' \
'--output=[Print the objects written (or that would be written) in this format]:OUTPUT:((yaml\:"YAML documents"
json\:"JSON (a \`List\` when there are several objects)"
name\:"\`kind/name\`, one per line"))' \
'--kubeconfig=[Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)]:FILE:_files' \
'--context=[The name of the kubeconfig context to use]:NAME:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:NAME:_default' \
'--user=[The name of the kubeconfig user to use]:NAME:_default' \
'-n+[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--namespace=[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--as=[Username to impersonate for the operation]:USER:_default' \
'*--as-group=[Group to impersonate for the operation (repeatable)]:GROUP:_default' \
'--request-timeout=[How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)]:DURATION:_default' \
'-v+[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--verbose=[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--zookeeper[Also set up ZooKeeper (one server unless --zookeeper-replicas)]' \
'--dashboard[Also set up the dashboard]' \
'--wait[Wait until the pods are ready, showing progress on stderr]' \
'--insecure-skip-tls-verify[Do not verify the API server'\''s TLS certificate (insecure)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
&& ret=0
;;
(status)
_arguments "${_arguments_options[@]}" : \
'--secret-name=[Name of the OpenMPI Secret to look at]:NAME:_default' \
'--rack-key=[Node label key holding the rack (Twister2'\''s \`twister2.resource.rack.labey.key\`)]:KEY:_default' \
'--datacenter-key=[Node label key holding the datacenter (\`twister2.resource.datacenter.labey.key\`)]:KEY:_default' \
'-o+[Output format]:OUTPUT:((table\:"Aligned columns, kubectl style"
wide\:"Table with extra columns"
json\:"JSON document"
yaml\:"YAML document"
name\:"One name per line"))' \
'--output=[Output format]:OUTPUT:((table\:"Aligned columns, kubectl style"
wide\:"Table with extra columns"
json\:"JSON document"
yaml\:"YAML document"
name\:"One name per line"))' \
'--kubeconfig=[Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)]:FILE:_files' \
'--context=[The name of the kubeconfig context to use]:NAME:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:NAME:_default' \
'--user=[The name of the kubeconfig user to use]:NAME:_default' \
'-n+[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--namespace=[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--as=[Username to impersonate for the operation]:USER:_default' \
'*--as-group=[Group to impersonate for the operation (repeatable)]:GROUP:_default' \
'--request-timeout=[How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)]:DURATION:_default' \
'-v+[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--verbose=[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--no-headers[Do not print the header row of tables]' \
'--insecure-skip-tls-verify[Do not verify the API server'\''s TLS certificate (insecure)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
&& ret=0
;;
(remove)
_arguments "${_arguments_options[@]}" : \
'--kubeconfig=[Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)]:FILE:_files' \
'--context=[The name of the kubeconfig context to use]:NAME:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:NAME:_default' \
'--user=[The name of the kubeconfig user to use]:NAME:_default' \
'-n+[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--namespace=[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--as=[Username to impersonate for the operation]:USER:_default' \
'*--as-group=[Group to impersonate for the operation (repeatable)]:GROUP:_default' \
'--request-timeout=[How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)]:DURATION:_default' \
'-v+[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--verbose=[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--all[Remove every component]' \
'--delete-data[Also delete the PersistentVolumeClaims (ZooKeeper and dashboard data); kept otherwise]' \
'-y[Do not ask for confirmation]' \
'--yes[Do not ask for confirmation]' \
'--dry-run[Only print what would be deleted]' \
'--insecure-skip-tls-verify[Do not verify the API server'\''s TLS certificate (insecure)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'*::components -- Components to remove:((auth\:"Roles, RoleBindings, the ServiceAccount and the node ClusterRole made by \`setup auth\`"
openmpi-secret\:"The OpenMPI SSH Secret"
zookeeper\:"ZooKeeper Services and StatefulSet"
dashboard\:"Dashboard Service and StatefulSet"
uploader\:"Uploader Service and StatefulSet"))' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_kubectl-twister2__subcmd__setup__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:kubectl-twister2-setup-help-command-$line[1]:"
        case $line[1] in
            (auth)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(openmpi-secret)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(zookeeper)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(dashboard)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(uploader)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(all)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(status)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(remove)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(dashboard)
_arguments "${_arguments_options[@]}" : \
'--port=[Local port to listen on (default\: a free one)]:PORT:_default' \
'--kubeconfig=[Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)]:FILE:_files' \
'--context=[The name of the kubeconfig context to use]:NAME:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:NAME:_default' \
'--user=[The name of the kubeconfig user to use]:NAME:_default' \
'-n+[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--namespace=[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--as=[Username to impersonate for the operation]:USER:_default' \
'*--as-group=[Group to impersonate for the operation (repeatable)]:GROUP:_default' \
'--request-timeout=[How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)]:DURATION:_default' \
'-v+[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--verbose=[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--insecure-skip-tls-verify[Do not verify the API server'\''s TLS certificate (insecure)]' \
'-h[Print help]' \
'--help[Print help]' \
&& ret=0
;;
(nodes)
_arguments "${_arguments_options[@]}" : \
'--rack-key=[Node label key of racks (default\: the config'\''s twister2.resource.rack.labey.key, else \`rack\`)]:KEY:_default' \
'--datacenter-key=[Node label key of datacenters (default\: the config'\''s twister2.resource.datacenter.labey.key, else \`datacenter\`)]:KEY:_default' \
'--config=[A Twister2 config file (e.g. resource.yaml) to read the label keys from]:FILE:_files' \
'-o+[Output format]:OUTPUT:((table\:"Aligned columns, kubectl style"
wide\:"Table with extra columns"
json\:"JSON document"
yaml\:"YAML document"
name\:"One name per line"))' \
'--output=[Output format]:OUTPUT:((table\:"Aligned columns, kubectl style"
wide\:"Table with extra columns"
json\:"JSON document"
yaml\:"YAML document"
name\:"One name per line"))' \
'--kubeconfig=[Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)]:FILE:_files' \
'--context=[The name of the kubeconfig context to use]:NAME:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:NAME:_default' \
'--user=[The name of the kubeconfig user to use]:NAME:_default' \
'-n+[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--namespace=[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--as=[Username to impersonate for the operation]:USER:_default' \
'*--as-group=[Group to impersonate for the operation (repeatable)]:GROUP:_default' \
'--request-timeout=[How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)]:DURATION:_default' \
'-v+[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--verbose=[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'-A[Count Twister2 pods in every namespace (default\: the current namespace)]' \
'--all-namespaces[Count Twister2 pods in every namespace (default\: the current namespace)]' \
'(-o --output --no-headers)--tree[Draw datacenter → rack → node → Twister2 pods as a tree]' \
'--no-headers[Do not print the header row of tables]' \
'--insecure-skip-tls-verify[Do not verify the API server'\''s TLS certificate (insecure)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
":: :_kubectl-twister2__subcmd__nodes_commands" \
"*::: :->nodes" \
&& ret=0

    case $state in
    (nodes)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:kubectl-twister2-nodes-command-$line[1]:"
        case $line[1] in
            (label)
_arguments "${_arguments_options[@]}" : \
'--rack=[The rack to put the nodes in]:RACK:_default' \
'--datacenter=[The datacenter to put the nodes in]:DATACENTER:_default' \
'(--rack --datacenter --config)--from-config=[Take racks and datacenters (and the label keys) from this Twister2 config file\: twister2.resource.racks.list (rack → node addresses) and twister2.resource.datacenters.list (datacenter → racks)]:FILE:_files' \
'--rack-key=[Node label key of racks (default\: the config'\''s twister2.resource.rack.labey.key, else \`rack\`)]:KEY:_default' \
'--datacenter-key=[Node label key of datacenters (default\: the config'\''s twister2.resource.datacenter.labey.key, else \`datacenter\`)]:KEY:_default' \
'--config=[A Twister2 config file (e.g. resource.yaml) to read the label keys from]:FILE:_files' \
'--dry-run=[Only print what would be written (client\: render locally; server\: the server validates)]::MODE:((none\:"Write to the cluster"
client\:"Render locally; contact no cluster"
server\:"Send to the server with dryRun=All; nothing is persisted"))' \
'-o+[Print the objects written (or that would be written) in this format]:OUTPUT:((yaml\:"YAML documents"
json\:"JSON (a \`List\` when there are several objects)"
name\:"\`kind/name\`, one per line"))' \
'--output=[Print the objects written (or that would be written) in this format]:OUTPUT:((yaml\:"YAML documents"
json\:"JSON (a \`List\` when there are several objects)"
name\:"\`kind/name\`, one per line"))' \
'--kubeconfig=[Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)]:FILE:_files' \
'--context=[The name of the kubeconfig context to use]:NAME:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:NAME:_default' \
'--user=[The name of the kubeconfig user to use]:NAME:_default' \
'-n+[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--namespace=[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--as=[Username to impersonate for the operation]:USER:_default' \
'*--as-group=[Group to impersonate for the operation (repeatable)]:GROUP:_default' \
'--request-timeout=[How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)]:DURATION:_default' \
'-v+[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--verbose=[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--overwrite[Replace values that are already set (a different existing value is otherwise refused)]' \
'--insecure-skip-tls-verify[Do not verify the API server'\''s TLS certificate (insecure)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'*::nodes -- Nodes by name, InternalIP, ExternalIP or hostname:_default' \
&& ret=0
;;
(unlabel)
_arguments "${_arguments_options[@]}" : \
'--rack-key=[Node label key of racks (default\: the config'\''s twister2.resource.rack.labey.key, else \`rack\`)]:KEY:_default' \
'--datacenter-key=[Node label key of datacenters (default\: the config'\''s twister2.resource.datacenter.labey.key, else \`datacenter\`)]:KEY:_default' \
'--config=[A Twister2 config file (e.g. resource.yaml) to read the label keys from]:FILE:_files' \
'--dry-run=[Only print what would be written (client\: render locally; server\: the server validates)]::MODE:((none\:"Write to the cluster"
client\:"Render locally; contact no cluster"
server\:"Send to the server with dryRun=All; nothing is persisted"))' \
'-o+[Print the objects written (or that would be written) in this format]:OUTPUT:((yaml\:"YAML documents"
json\:"JSON (a \`List\` when there are several objects)"
name\:"\`kind/name\`, one per line"))' \
'--output=[Print the objects written (or that would be written) in this format]:OUTPUT:((yaml\:"YAML documents"
json\:"JSON (a \`List\` when there are several objects)"
name\:"\`kind/name\`, one per line"))' \
'--kubeconfig=[Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)]:FILE:_files' \
'--context=[The name of the kubeconfig context to use]:NAME:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:NAME:_default' \
'--user=[The name of the kubeconfig user to use]:NAME:_default' \
'-n+[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--namespace=[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--as=[Username to impersonate for the operation]:USER:_default' \
'*--as-group=[Group to impersonate for the operation (repeatable)]:GROUP:_default' \
'--request-timeout=[How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)]:DURATION:_default' \
'-v+[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--verbose=[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--rack[Remove the rack label (with neither --rack nor --datacenter\: both)]' \
'--datacenter[Remove the datacenter label (with neither --rack nor --datacenter\: both)]' \
'()--all[Every node that carries the label(s)]' \
'--insecure-skip-tls-verify[Do not verify the API server'\''s TLS certificate (insecure)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'*::nodes -- Nodes by name, InternalIP, ExternalIP or hostname:_default' \
&& ret=0
;;
(export)
_arguments "${_arguments_options[@]}" : \
'--rack-key=[Node label key of racks (default\: the config'\''s twister2.resource.rack.labey.key, else \`rack\`)]:KEY:_default' \
'--datacenter-key=[Node label key of datacenters (default\: the config'\''s twister2.resource.datacenter.labey.key, else \`datacenter\`)]:KEY:_default' \
'--config=[A Twister2 config file (e.g. resource.yaml) to read the label keys from]:FILE:_files' \
'--kubeconfig=[Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)]:FILE:_files' \
'--context=[The name of the kubeconfig context to use]:NAME:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:NAME:_default' \
'--user=[The name of the kubeconfig user to use]:NAME:_default' \
'-n+[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--namespace=[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--as=[Username to impersonate for the operation]:USER:_default' \
'*--as-group=[Group to impersonate for the operation (repeatable)]:GROUP:_default' \
'--request-timeout=[How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)]:DURATION:_default' \
'-v+[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--verbose=[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--insecure-skip-tls-verify[Do not verify the API server'\''s TLS certificate (insecure)]' \
'-h[Print help]' \
'--help[Print help]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_kubectl-twister2__subcmd__nodes__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:kubectl-twister2-nodes-help-command-$line[1]:"
        case $line[1] in
            (label)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(unlabel)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(export)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(version)
_arguments "${_arguments_options[@]}" : \
'-o+[Output format (default\: human-readable lines)]:OUTPUT:((json\:"JSON document"
yaml\:"YAML document"))' \
'--output=[Output format (default\: human-readable lines)]:OUTPUT:((json\:"JSON document"
yaml\:"YAML document"))' \
'--kubeconfig=[Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)]:FILE:_files' \
'--context=[The name of the kubeconfig context to use]:NAME:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:NAME:_default' \
'--user=[The name of the kubeconfig user to use]:NAME:_default' \
'-n+[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--namespace=[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--as=[Username to impersonate for the operation]:USER:_default' \
'*--as-group=[Group to impersonate for the operation (repeatable)]:GROUP:_default' \
'--request-timeout=[How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)]:DURATION:_default' \
'-v+[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--verbose=[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--client[Print only the plugin'\''s version; do not contact the cluster]' \
'--insecure-skip-tls-verify[Do not verify the API server'\''s TLS certificate (insecure)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
&& ret=0
;;
(completion)
_arguments "${_arguments_options[@]}" : \
'--kubeconfig=[Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored)]:FILE:_files' \
'--context=[The name of the kubeconfig context to use]:NAME:_default' \
'--cluster=[The name of the kubeconfig cluster to use]:NAME:_default' \
'--user=[The name of the kubeconfig user to use]:NAME:_default' \
'-n+[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--namespace=[The namespace to work in (default\: the context'\''s namespace, else "default")]:NAMESPACE:_default' \
'--as=[Username to impersonate for the operation]:USER:_default' \
'*--as-group=[Group to impersonate for the operation (repeatable)]:GROUP:_default' \
'--request-timeout=[How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit)]:DURATION:_default' \
'-v+[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--verbose=[Log every API request (method, path, status, latency) to stderr; -v=8 adds headers with credentials redacted]::LEVEL:_default' \
'--insecure-skip-tls-verify[Do not verify the API server'\''s TLS certificate (insecure)]' \
'-h[Print help]' \
'--help[Print help]' \
':shell -- The shell to generate the script for:(bash elvish fish powershell zsh)' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_kubectl-twister2__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:kubectl-twister2-help-command-$line[1]:"
        case $line[1] in
            (submit)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(restart)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(clear)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(jobs)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(describe)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(kill)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(logs)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(endpoints)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(setup)
_arguments "${_arguments_options[@]}" : \
":: :_kubectl-twister2__subcmd__help__subcmd__setup_commands" \
"*::: :->setup" \
&& ret=0

    case $state in
    (setup)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:kubectl-twister2-help-setup-command-$line[1]:"
        case $line[1] in
            (auth)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(openmpi-secret)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(zookeeper)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(dashboard)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(uploader)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(all)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(status)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(remove)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(dashboard)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(nodes)
_arguments "${_arguments_options[@]}" : \
":: :_kubectl-twister2__subcmd__help__subcmd__nodes_commands" \
"*::: :->nodes" \
&& ret=0

    case $state in
    (nodes)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:kubectl-twister2-help-nodes-command-$line[1]:"
        case $line[1] in
            (label)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(unlabel)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(export)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(version)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(completion)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
}

(( $+functions[_kubectl-twister2_commands] )) ||
_kubectl-twister2_commands() {
    local commands; commands=(
'submit:Submit a Twister2 job\: create its objects, deliver its package, wait until it runs' \
'restart:Restart a checkpointed job from its saved package (same jobID, RESTORE_JOB=true)' \
'clear:Remove ended jobs'\'' saved packages and kept persistent volume claims' \
'jobs:List Twister2 jobs (including jobs submitted by Twister2'\''s own client)' \
'list:List Twister2 jobs (including jobs submitted by Twister2'\''s own client)' \
'describe:Show a job'\''s objects, pods, compute resources, configuration and recent events' \
'kill:Kill Twister2 jobs\: ask each job master to end its job, then delete what is left' \
'logs:Read or follow a job'\''s logs\: every pod and container, each line prefixed by its source' \
'endpoints:List how to reach jobs'\'' workers from outside\: NodePorts, load balancers, Ingresses' \
'setup:Prepare a namespace\: RBAC, OpenMPI SSH Secret, ZooKeeper, dashboard, uploader' \
'dashboard:Open the Twister2 dashboard on a local port (native port-forward)' \
'nodes:Nodes'\'' racks and datacenters\: list, draw as a tree, label, unlabel, export' \
'version:Print the plugin version and, unless --client, the API server'\''s version' \
'completion:Print a shell completion script (bash, zsh, fish, powershell, elvish)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'kubectl-twister2 commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__clear_commands] )) ||
_kubectl-twister2__subcmd__clear_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 clear commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__completion_commands] )) ||
_kubectl-twister2__subcmd__completion_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 completion commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__dashboard_commands] )) ||
_kubectl-twister2__subcmd__dashboard_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 dashboard commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__describe_commands] )) ||
_kubectl-twister2__subcmd__describe_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 describe commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__endpoints_commands] )) ||
_kubectl-twister2__subcmd__endpoints_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 endpoints commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__help_commands] )) ||
_kubectl-twister2__subcmd__help_commands() {
    local commands; commands=(
'submit:Submit a Twister2 job\: create its objects, deliver its package, wait until it runs' \
'restart:Restart a checkpointed job from its saved package (same jobID, RESTORE_JOB=true)' \
'clear:Remove ended jobs'\'' saved packages and kept persistent volume claims' \
'jobs:List Twister2 jobs (including jobs submitted by Twister2'\''s own client)' \
'describe:Show a job'\''s objects, pods, compute resources, configuration and recent events' \
'kill:Kill Twister2 jobs\: ask each job master to end its job, then delete what is left' \
'logs:Read or follow a job'\''s logs\: every pod and container, each line prefixed by its source' \
'endpoints:List how to reach jobs'\'' workers from outside\: NodePorts, load balancers, Ingresses' \
'setup:Prepare a namespace\: RBAC, OpenMPI SSH Secret, ZooKeeper, dashboard, uploader' \
'dashboard:Open the Twister2 dashboard on a local port (native port-forward)' \
'nodes:Nodes'\'' racks and datacenters\: list, draw as a tree, label, unlabel, export' \
'version:Print the plugin version and, unless --client, the API server'\''s version' \
'completion:Print a shell completion script (bash, zsh, fish, powershell, elvish)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'kubectl-twister2 help commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__help__subcmd__clear_commands] )) ||
_kubectl-twister2__subcmd__help__subcmd__clear_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 help clear commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__help__subcmd__completion_commands] )) ||
_kubectl-twister2__subcmd__help__subcmd__completion_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 help completion commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__help__subcmd__dashboard_commands] )) ||
_kubectl-twister2__subcmd__help__subcmd__dashboard_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 help dashboard commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__help__subcmd__describe_commands] )) ||
_kubectl-twister2__subcmd__help__subcmd__describe_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 help describe commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__help__subcmd__endpoints_commands] )) ||
_kubectl-twister2__subcmd__help__subcmd__endpoints_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 help endpoints commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__help__subcmd__help_commands] )) ||
_kubectl-twister2__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 help help commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__help__subcmd__jobs_commands] )) ||
_kubectl-twister2__subcmd__help__subcmd__jobs_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 help jobs commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__help__subcmd__kill_commands] )) ||
_kubectl-twister2__subcmd__help__subcmd__kill_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 help kill commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__help__subcmd__logs_commands] )) ||
_kubectl-twister2__subcmd__help__subcmd__logs_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 help logs commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__help__subcmd__nodes_commands] )) ||
_kubectl-twister2__subcmd__help__subcmd__nodes_commands() {
    local commands; commands=(
'label:Set rack and datacenter labels\: on the given nodes, or from a Twister2 config'\''s racks.list and datacenters.list. Everything is checked before the first change' \
'unlabel:Remove rack and/or datacenter labels from the given nodes (or from all)' \
'export:Print the current labels as a Twister2 config fragment (racks.list, datacenters.list), for \`twister2.resource.kubernetes.node.locations.from.config\: true\`' \
    )
    _describe -t commands 'kubectl-twister2 help nodes commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__help__subcmd__nodes__subcmd__export_commands] )) ||
_kubectl-twister2__subcmd__help__subcmd__nodes__subcmd__export_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 help nodes export commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__help__subcmd__nodes__subcmd__label_commands] )) ||
_kubectl-twister2__subcmd__help__subcmd__nodes__subcmd__label_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 help nodes label commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__help__subcmd__nodes__subcmd__unlabel_commands] )) ||
_kubectl-twister2__subcmd__help__subcmd__nodes__subcmd__unlabel_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 help nodes unlabel commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__help__subcmd__restart_commands] )) ||
_kubectl-twister2__subcmd__help__subcmd__restart_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 help restart commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__help__subcmd__setup_commands] )) ||
_kubectl-twister2__subcmd__help__subcmd__setup_commands() {
    local commands; commands=(
'auth:RBAC\: Twister2'\''s Role and RoleBinding for job pods, optionally a Role for submitting users' \
'openmpi-secret:The SSH key Secret OpenMPI jobs mount (generated in-process, or imported)' \
'zookeeper:A ZooKeeper ensemble for fault-tolerant jobs' \
'dashboard:The Twister2 dashboard (Service and StatefulSet)' \
'uploader:The nginx web server job pods download their job package from' \
'all:auth, openmpi-secret and uploader in one go (--zookeeper and --dashboard add those)' \
'status:What is installed in the namespace, and whether it is ready' \
'remove:Delete what \`setup\` created (only objects labelled as managed by kubectl-twister2)' \
    )
    _describe -t commands 'kubectl-twister2 help setup commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__help__subcmd__setup__subcmd__all_commands] )) ||
_kubectl-twister2__subcmd__help__subcmd__setup__subcmd__all_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 help setup all commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__help__subcmd__setup__subcmd__auth_commands] )) ||
_kubectl-twister2__subcmd__help__subcmd__setup__subcmd__auth_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 help setup auth commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__help__subcmd__setup__subcmd__dashboard_commands] )) ||
_kubectl-twister2__subcmd__help__subcmd__setup__subcmd__dashboard_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 help setup dashboard commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__help__subcmd__setup__subcmd__openmpi-secret_commands] )) ||
_kubectl-twister2__subcmd__help__subcmd__setup__subcmd__openmpi-secret_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 help setup openmpi-secret commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__help__subcmd__setup__subcmd__remove_commands] )) ||
_kubectl-twister2__subcmd__help__subcmd__setup__subcmd__remove_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 help setup remove commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__help__subcmd__setup__subcmd__status_commands] )) ||
_kubectl-twister2__subcmd__help__subcmd__setup__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 help setup status commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__help__subcmd__setup__subcmd__uploader_commands] )) ||
_kubectl-twister2__subcmd__help__subcmd__setup__subcmd__uploader_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 help setup uploader commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__help__subcmd__setup__subcmd__zookeeper_commands] )) ||
_kubectl-twister2__subcmd__help__subcmd__setup__subcmd__zookeeper_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 help setup zookeeper commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__help__subcmd__submit_commands] )) ||
_kubectl-twister2__subcmd__help__subcmd__submit_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 help submit commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__help__subcmd__version_commands] )) ||
_kubectl-twister2__subcmd__help__subcmd__version_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 help version commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__jobs_commands] )) ||
_kubectl-twister2__subcmd__jobs_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 jobs commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__kill_commands] )) ||
_kubectl-twister2__subcmd__kill_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 kill commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__logs_commands] )) ||
_kubectl-twister2__subcmd__logs_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 logs commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__nodes_commands] )) ||
_kubectl-twister2__subcmd__nodes_commands() {
    local commands; commands=(
'label:Set rack and datacenter labels\: on the given nodes, or from a Twister2 config'\''s racks.list and datacenters.list. Everything is checked before the first change' \
'unlabel:Remove rack and/or datacenter labels from the given nodes (or from all)' \
'export:Print the current labels as a Twister2 config fragment (racks.list, datacenters.list), for \`twister2.resource.kubernetes.node.locations.from.config\: true\`' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'kubectl-twister2 nodes commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__nodes__subcmd__export_commands] )) ||
_kubectl-twister2__subcmd__nodes__subcmd__export_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 nodes export commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__nodes__subcmd__help_commands] )) ||
_kubectl-twister2__subcmd__nodes__subcmd__help_commands() {
    local commands; commands=(
'label:Set rack and datacenter labels\: on the given nodes, or from a Twister2 config'\''s racks.list and datacenters.list. Everything is checked before the first change' \
'unlabel:Remove rack and/or datacenter labels from the given nodes (or from all)' \
'export:Print the current labels as a Twister2 config fragment (racks.list, datacenters.list), for \`twister2.resource.kubernetes.node.locations.from.config\: true\`' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'kubectl-twister2 nodes help commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__nodes__subcmd__help__subcmd__export_commands] )) ||
_kubectl-twister2__subcmd__nodes__subcmd__help__subcmd__export_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 nodes help export commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__nodes__subcmd__help__subcmd__help_commands] )) ||
_kubectl-twister2__subcmd__nodes__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 nodes help help commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__nodes__subcmd__help__subcmd__label_commands] )) ||
_kubectl-twister2__subcmd__nodes__subcmd__help__subcmd__label_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 nodes help label commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__nodes__subcmd__help__subcmd__unlabel_commands] )) ||
_kubectl-twister2__subcmd__nodes__subcmd__help__subcmd__unlabel_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 nodes help unlabel commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__nodes__subcmd__label_commands] )) ||
_kubectl-twister2__subcmd__nodes__subcmd__label_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 nodes label commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__nodes__subcmd__unlabel_commands] )) ||
_kubectl-twister2__subcmd__nodes__subcmd__unlabel_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 nodes unlabel commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__restart_commands] )) ||
_kubectl-twister2__subcmd__restart_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 restart commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__setup_commands] )) ||
_kubectl-twister2__subcmd__setup_commands() {
    local commands; commands=(
'auth:RBAC\: Twister2'\''s Role and RoleBinding for job pods, optionally a Role for submitting users' \
'openmpi-secret:The SSH key Secret OpenMPI jobs mount (generated in-process, or imported)' \
'zookeeper:A ZooKeeper ensemble for fault-tolerant jobs' \
'dashboard:The Twister2 dashboard (Service and StatefulSet)' \
'uploader:The nginx web server job pods download their job package from' \
'all:auth, openmpi-secret and uploader in one go (--zookeeper and --dashboard add those)' \
'status:What is installed in the namespace, and whether it is ready' \
'remove:Delete what \`setup\` created (only objects labelled as managed by kubectl-twister2)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'kubectl-twister2 setup commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__setup__subcmd__all_commands] )) ||
_kubectl-twister2__subcmd__setup__subcmd__all_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 setup all commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__setup__subcmd__auth_commands] )) ||
_kubectl-twister2__subcmd__setup__subcmd__auth_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 setup auth commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__setup__subcmd__dashboard_commands] )) ||
_kubectl-twister2__subcmd__setup__subcmd__dashboard_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 setup dashboard commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__setup__subcmd__help_commands] )) ||
_kubectl-twister2__subcmd__setup__subcmd__help_commands() {
    local commands; commands=(
'auth:RBAC\: Twister2'\''s Role and RoleBinding for job pods, optionally a Role for submitting users' \
'openmpi-secret:The SSH key Secret OpenMPI jobs mount (generated in-process, or imported)' \
'zookeeper:A ZooKeeper ensemble for fault-tolerant jobs' \
'dashboard:The Twister2 dashboard (Service and StatefulSet)' \
'uploader:The nginx web server job pods download their job package from' \
'all:auth, openmpi-secret and uploader in one go (--zookeeper and --dashboard add those)' \
'status:What is installed in the namespace, and whether it is ready' \
'remove:Delete what \`setup\` created (only objects labelled as managed by kubectl-twister2)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'kubectl-twister2 setup help commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__setup__subcmd__help__subcmd__all_commands] )) ||
_kubectl-twister2__subcmd__setup__subcmd__help__subcmd__all_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 setup help all commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__setup__subcmd__help__subcmd__auth_commands] )) ||
_kubectl-twister2__subcmd__setup__subcmd__help__subcmd__auth_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 setup help auth commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__setup__subcmd__help__subcmd__dashboard_commands] )) ||
_kubectl-twister2__subcmd__setup__subcmd__help__subcmd__dashboard_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 setup help dashboard commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__setup__subcmd__help__subcmd__help_commands] )) ||
_kubectl-twister2__subcmd__setup__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 setup help help commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__setup__subcmd__help__subcmd__openmpi-secret_commands] )) ||
_kubectl-twister2__subcmd__setup__subcmd__help__subcmd__openmpi-secret_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 setup help openmpi-secret commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__setup__subcmd__help__subcmd__remove_commands] )) ||
_kubectl-twister2__subcmd__setup__subcmd__help__subcmd__remove_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 setup help remove commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__setup__subcmd__help__subcmd__status_commands] )) ||
_kubectl-twister2__subcmd__setup__subcmd__help__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 setup help status commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__setup__subcmd__help__subcmd__uploader_commands] )) ||
_kubectl-twister2__subcmd__setup__subcmd__help__subcmd__uploader_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 setup help uploader commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__setup__subcmd__help__subcmd__zookeeper_commands] )) ||
_kubectl-twister2__subcmd__setup__subcmd__help__subcmd__zookeeper_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 setup help zookeeper commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__setup__subcmd__openmpi-secret_commands] )) ||
_kubectl-twister2__subcmd__setup__subcmd__openmpi-secret_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 setup openmpi-secret commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__setup__subcmd__remove_commands] )) ||
_kubectl-twister2__subcmd__setup__subcmd__remove_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 setup remove commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__setup__subcmd__status_commands] )) ||
_kubectl-twister2__subcmd__setup__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 setup status commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__setup__subcmd__uploader_commands] )) ||
_kubectl-twister2__subcmd__setup__subcmd__uploader_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 setup uploader commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__setup__subcmd__zookeeper_commands] )) ||
_kubectl-twister2__subcmd__setup__subcmd__zookeeper_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 setup zookeeper commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__submit_commands] )) ||
_kubectl-twister2__subcmd__submit_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 submit commands' commands "$@"
}
(( $+functions[_kubectl-twister2__subcmd__version_commands] )) ||
_kubectl-twister2__subcmd__version_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-twister2 version commands' commands "$@"
}

if [ "$funcstack[1]" = "_kubectl-twister2" ]; then
    _kubectl-twister2 "$@"
else
    compdef _kubectl-twister2 kubectl-twister2
fi
