#!/usr/bin/env bash
# `make bench`: starts release netctld daemons on a temporary directory, measures them through the
# socket and the AWS endpoint with netctl-bench, with scripts/python-client-bench.py, and from
# /proc/PID/stat (netctld's CPU per request), and ends with a table of results beside issue 15's and
# 16's targets. When the Python emulator moto is installed, its server is measured on the AWS
# workloads too, for comparison. Numbers depend on the
# disk (every commit is an fsync) and on whatever else runs: compare runs on the same machine only.
# The JSON lines of the run are kept in .build/bench/.
#
# Sizes can be made smaller for a quick run, e.g.
#   BENCH_SCALE_VPCS=1000 BENCH_SCALE_PEERINGS=5000 BENCH_READS=5000 make bench
# and BENCH_ONLY picks sections (reads workflow mutations creates python aws json moto registry matrix topology hub scale), e.g.
#   BENCH_ONLY="aws moto" make bench
set -euo pipefail
bin="$1"

reads=${BENCH_READS:-40000}                   # vpc.get requests per read workload
reads_one=${BENCH_READS_ONE:-10000}           # ... over one connection, one at a time
mutations_one=${BENCH_MUTATIONS_ONE:-1500}    # VPC-and-subnet pairs from one client
mutations_each=${BENCH_MUTATIONS_EACH:-250}   # ... per client of 16
creates_each=${BENCH_CREATES_EACH:-500}       # vpc.create alone per client of 16, for netctld's CPU per create
python_reads=${BENCH_PYTHON_READS:-20000}     # vpc.get from the Python client, one at a time
python_mutations=${BENCH_PYTHON_MUTATIONS:-5000}  # vpc.create from the Python client, one at a time
python_seconds=${BENCH_PYTHON_SECONDS:-30}    # ... each of the two stops after this long whatever its count
watcher_rounds=${BENCH_WATCHER_ROUNDS:-3}     # on/off pairs of the mutation workload (noisy: more is steadier)
workflow_vpcs=${BENCH_WORKFLOW_VPCS:-500}
workflow_peerings=${BENCH_WORKFLOW_PEERINGS:-1000}
workflow_gets=${BENCH_WORKFLOW_GETS:-2000}
scale_vpcs=${BENCH_SCALE_VPCS:-10000}
scale_peerings=${BENCH_SCALE_PEERINGS:-50000}
scale_samples=${BENCH_SCALE_SAMPLES:-2000}    # reach.analyze and peering.list {vpc} calls
scale_pages=${BENCH_SCALE_PAGES:-500}         # peering.list pages of 100 (no vpc), following nextToken
scale_instances=${BENCH_SCALE_INSTANCES_PER_VPC:-2}  # ... each in 2 security groups of 20 rules; 0 for none
matrix_instances=${BENCH_MATRIX_INSTANCES:-500}      # reach.matrix over one VPC of this many instances
matrix_samples=${BENCH_MATRIX_SAMPLES:-5}           # ... this many times
topology_vpcs=${BENCH_TOPOLOGY_VPCS:-50}            # topology.migrate of a mesh of this many VPCs
hub_vpcs=${BENCH_HUB_VPCS:-5000}                    # VPCs on one hub, 2 propagated CIDRs each
hub_samples=${BENCH_HUB_SAMPLES:-2000}              # reach.analyze calls between them through the hub
aws_creates_one=${BENCH_AWS_CREATES_ONE:-3000}      # CreateVpc from one client over the AWS endpoint
aws_creates_each=${BENCH_AWS_CREATES_EACH:-250}     # ... per client of 16
aws_peerings=${BENCH_AWS_PEERINGS:-1000}            # peerings DescribeVpcPeeringConnections names
aws_describes_one=${BENCH_AWS_DESCRIBES_ONE:-10000} # DescribeVpcPeeringConnections from one client
aws_describes=${BENCH_AWS_DESCRIBES:-20000}         # ... shared by 16 clients
json_describes=${BENCH_JSON_DESCRIBES:-10000}      # ECS DescribeServices, one client and then 16
json_puts_one=${BENCH_JSON_PUTS_ONE:-3000}          # Logs PutLogEvents from one client
json_puts_each=${BENCH_JSON_PUTS_EACH:-250}         # ... per client of 16
moto_requests=${BENCH_MOTO_REQUESTS:-1000}          # moto: each of its four runs (about 200/s)
moto_peerings=${BENCH_MOTO_PEERINGS:-100}           # moto: peerings made through its endpoint
registry_mib=${BENCH_REGISTRY_MIB:-100}             # registry: size of the pushed image's one layer
only=${BENCH_ONLY:-}

dir=$(mktemp -d /tmp/netctl-bench-XXXXXX)
mkdir -p .build/bench
results=".build/bench/results-$(date +%Y%m%dT%H%M%S).jsonl"
: >"$results"
pid=""
moto_pid=""
cleanup() {
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
    if [ -n "$moto_pid" ]; then kill "$moto_pid" 2>/dev/null || true; wait "$moto_pid" 2>/dev/null || true; fi
    rm -rf "$dir"
}
trap cleanup EXIT

# The workloads need more than AWS's defaults: 10,000 VPCs in one region, 1,000 peering requests
# outstanding before the workflow accepts them, and 30,000 security groups and 20,000 interfaces.
quotas=(--quota vpcsPerRegion=1000000 --quota outstandingPeeringsPerAccount=1000000
    --quota securityGroupsPerRegion=1000000 --quota networkInterfacesPerRegion=1000000)

launch() {
    "$bin/netctld" --data-dir "$dir/data" --socket "$dir/s.sock" "${quotas[@]}" --log-level warning "$@" &
    pid=$!
}
stop() {
    if [ -n "$pid" ]; then kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; fi
}
# A daemon on an empty data directory; extra arguments go to netctld.
fresh() {
    stop
    rm -rf "$dir/data" "$dir/s.sock"
    launch "$@"
    for _ in $(seq 200); do [ -S "$dir/s.sock" ] && return; sleep 0.05; done
    echo "netctld did not start" >&2
    exit 1
}
bench() { "$bin/netctl-bench" --socket "$dir/s.sock" --record "$results" "$@"; }
section() { echo "== $* ($(date +%T), load $(cut -d' ' -f1-3 /proc/loadavg))" >&2; }
nanoseconds() { date +%s%N; }
# Whether BENCH_ONLY (a list of section names) leaves SECTION in; all are when it is empty.
wanted() { [ -z "$only" ] || [[ " $only " == *" $1 "* ]]; }
# A TCP port nothing listens on now (the kernel's pick, released for the server to take).
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# Until something accepts connections on 127.0.0.1:PORT, at most SECONDS.
wait_port() {
    for _ in $(seq $(($2 * 20))); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return; fi
        sleep 0.05
    done
    echo "nothing listens on 127.0.0.1:$1 after $2 s" >&2
    exit 1
}

# netctld's CPU time so far in clock ticks: utime + stime of /proc/PID/stat (fields 14 and 15,
# counted after the parenthesised command name).
hz=$(getconf CLK_TCK)
# Of netctld, or of the process PID when given.
cpu_ticks() { sed 's/^.*) //' "/proc/${1:-$pid}/stat" | awk '{ print $12 + $13 }'; }
# Appends netctld's CPU per request over the workload just run as a measurement of its own: WORKLOAD
# (a name `netctl-bench --summary` judges, Recorded in Measurement.swift), the ticks it took, and a
# note; the requests, clients and watcher come from that workload's JSON line, the last one so far.
# A workload that could not run (its line says `unavailable`) gets none.
record_cpu() {
    python3 - "$results" "$1" "$2" "$hz" "$3" <<'EOF'
import json, sys
path, workload, ticks, hz, note = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
with open(path, encoding="utf-8") as results:
    run = json.loads(results.read().splitlines()[-1])
if run.get("unavailable"):
    print("%s: not recorded, the workload was not available" % workload)
    sys.exit(0)
if run.get("drainSeconds") is not None:
    note += ", %.2f s after the last answer" % run["drainSeconds"]
line = {"workload": workload, "clients": run["clients"], "requests": run["requests"],
        "value": ticks * 1e6 / hz / run["requests"], "unit": "µs",
        "note": "%s; %d ticks of %g ms (utime + stime) over %s requests" % (note, ticks, 1000 / hz, f"{run['requests']:,}")}
if "watcher" in run:
    line["watcher"] = run["watcher"]
with open(path, "a", encoding="utf-8") as results:
    results.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
print("%s: %.1f µs (%s)" % (workload, line["value"], line["note"]))
EOF
}
python_client() {
    python3 "$(dirname "$0")/python-client-bench.py" "$dir/s.sock" "$1" "$2" "$python_seconds" | tee -a "$results"
}

if wanted reads; then
    section "reads"
    fresh
    bench --workload reads --clients 1 --requests "$reads_one"
    ticks=$(cpu_ticks)
    bench --workload reads --clients 16 --requests "$reads"
    record_cpu "CPU of netctld per vpc.get" $(($(cpu_ticks) - ticks)) "over vpc.get, 16 connections one at a time"
    bench --workload reads --clients 1 --window 64 --requests "$reads"
    bench --workload reads --clients 1 --window 256 --requests "$reads"
    bench --workload reads --clients 16 --window 16 --requests "$reads"
    bench --workload reads-typed --clients 16 --requests "$reads"
fi

if wanted workflow; then
    section "peering workflow"
    fresh
    bench --workload workflow --clients 16 --vpcs "$workflow_vpcs" --peerings "$workflow_peerings" \
        --gets "$workflow_gets"
fi

# On and off alternate, each on a fresh daemon, so a change in the machine's load falls on both.
if wanted mutations; then
    for round in $(seq "$watcher_rounds"); do
        for watcher in on off; do
            section "mutations, watcher $watcher (round $round of $watcher_rounds)"
            if [ "$watcher" = on ]; then fresh; else fresh --no-watcher; fi
            bench --workload mutations --clients 1 --iterations "$mutations_one" --watcher "$watcher"
            bench --workload mutations --clients 16 --iterations "$mutations_each" --watcher "$watcher"
        done
    done
fi

# From the start of the creates until the watcher has caught up with them (the workload ends there).
if wanted creates; then
    section "vpc.create alone, watcher on: netctld's CPU per create"
    fresh
    ticks=$(cpu_ticks)
    bench --workload creates --clients 16 --iterations "$creates_each" --watcher on
    record_cpu "CPU of netctld per vpc.create, until the watcher caught up" $(($(cpu_ticks) - ticks)) \
        "from the start of vpc.create alone until the watcher caught up"
fi

if wanted python; then
    section "plain Python client, one request at a time"
    fresh
    python_client reads "$python_reads"
    python_client creates "$python_mutations"
fi

# Signed EC2 Query requests on the AWS endpoint (issue 16). Each CreateVpc run ends when the watcher
# has caught up, as the creates above; the peerings are made over the socket by a run of their own
# first, so the CPU of the timed runs leaves their making out (each run still walks peering.list once
# to find them).
if wanted aws; then
    aws_port=$(free_port)
    aws_bench() { bench --aws-endpoint "http://127.0.0.1:$aws_port" "$@"; }
    section "AWS endpoint: CreateVpc"
    fresh --aws-listen "127.0.0.1:$aws_port"
    wait_port "$aws_port" 10
    for clients in 1 16; do
        if [ "$clients" = 1 ]; then each=$aws_creates_one; else each=$aws_creates_each; fi
        ticks=$(cpu_ticks)
        aws_bench --workload aws-creates --clients "$clients" --iterations "$each"
        record_cpu "CPU of netctld per CreateVpc over the AWS endpoint, until the watcher caught up" \
            $(($(cpu_ticks) - ticks)) "from the start of the CreateVpc run until the watcher caught up"
    done

    section "AWS endpoint: DescribeVpcPeeringConnections"
    fresh --aws-listen "127.0.0.1:$aws_port"
    wait_port "$aws_port" 10
    aws_bench --workload aws-describe-peerings --peerings "$aws_peerings" --prepare-only
    for clients in 1 16; do
        if [ "$clients" = 1 ]; then requests=$aws_describes_one; else requests=$aws_describes; fi
        ticks=$(cpu_ticks)
        aws_bench --workload aws-describe-peerings --clients "$clients" --peerings "$aws_peerings" \
            --requests "$requests"
        record_cpu "CPU of netctld per DescribeVpcPeeringConnections over the AWS endpoint" \
            $(($(cpu_ticks) - ticks)) "over the DescribeVpcPeeringConnections run"
    done
    stop
fi

# Signed JSON-protocol requests on the AWS endpoint (issue 17): ECS DescribeServices (a read) and
# Logs PutLogEvents (a write to streams.db), each over keep-alive connections.
if wanted json; then
    json_port=$(free_port)
    json_bench() { bench --aws-endpoint "http://127.0.0.1:$json_port" "$@"; }
    section "AWS endpoint, JSON protocol: ECS DescribeServices and Logs PutLogEvents"
    fresh --aws-listen "127.0.0.1:$json_port"
    wait_port "$json_port" 10
    for clients in 1 16; do
        ticks=$(cpu_ticks)
        json_bench --workload aws-json-describe-services --clients "$clients" --requests "$json_describes"
        record_cpu "CPU of netctld per ECS DescribeServices over the AWS endpoint" \
            $(($(cpu_ticks) - ticks)) "over the DescribeServices run, its set-up included"
    done
    for clients in 1 16; do
        if [ "$clients" = 1 ]; then each=$json_puts_one; else each=$json_puts_each; fi
        ticks=$(cpu_ticks)
        json_bench --workload aws-json-put-log-events --clients "$clients" --iterations "$each"
        record_cpu "CPU of netctld per Logs PutLogEvents over the AWS endpoint" \
            $(($(cpu_ticks) - ticks)) "over the PutLogEvents run, its set-up included"
    done
    stop
fi

# The same requests to moto's server, when moto is installed (never installed here): a fresh server
# per workload, as netctld gets; it has no socket, so its peerings are made through its endpoint.
if wanted moto; then
    if python3 -c "import moto" 2>/dev/null && command -v moto_server >/dev/null; then
        moto_version=$(python3 -c "import moto; print(moto.__version__)")
        moto_port=$(free_port)
        moto_bench() {
            "$bin/netctl-bench" --record "$results" --aws-endpoint "http://127.0.0.1:$moto_port" \
                --aws-server "moto_server $moto_version" "$@"
        }
        moto_fresh() {
            if [ -n "$moto_pid" ]; then kill "$moto_pid"; wait "$moto_pid" 2>/dev/null || true; fi
            moto_server -p "$moto_port" >"$dir/moto.log" 2>&1 &
            moto_pid=$!
            wait_port "$moto_port" 30
        }
        section "moto_server $moto_version: CreateVpc, for comparison"
        moto_fresh
        # moto loads its EC2 backend on the first request (seconds): one CreateVpc, neither recorded
        # nor inside the CPU read below, takes that. The describe section's preparation does it there.
        moto_bench --workload aws-creates --iterations 1 --record /dev/null >/dev/null
        for clients in 1 16; do
            ticks=$(cpu_ticks "$moto_pid")
            moto_bench --workload aws-creates --clients "$clients" --iterations $((moto_requests / clients))
            record_cpu "CPU of moto_server $moto_version per CreateVpc, for comparison" \
                $(($(cpu_ticks "$moto_pid") - ticks)) "over the CreateVpc run"
        done
        section "moto_server $moto_version: DescribeVpcPeeringConnections, for comparison"
        moto_fresh
        moto_bench --workload aws-describe-peerings --peerings "$moto_peerings" --prepare-only
        for clients in 1 16; do
            ticks=$(cpu_ticks "$moto_pid")
            moto_bench --workload aws-describe-peerings --clients "$clients" --peerings "$moto_peerings" \
                --requests "$moto_requests"
            record_cpu "CPU of moto_server $moto_version per DescribeVpcPeeringConnections, for comparison" \
                $(($(cpu_ticks "$moto_pid") - ticks)) "over the DescribeVpcPeeringConnections run"
        done
        kill "$moto_pid"
        wait "$moto_pid" 2>/dev/null || true
        moto_pid=""
    else
        echo "moto is not installed: no comparison with it" >&2
    fi
fi

# The registry (issue 17): an image of one random (incompressible, gzip'd) layer pushed with skopeo to /v2/
# on the AWS listener, against dd writing the same bytes to the same disk (with an fsync, as the blob
# store does), and netctld's peak resident memory (VmHWM) before and after the push: blobs stream to
# disk, so the peak stays near the idle one whatever the image's size.
if wanted registry; then
    if command -v skopeo >/dev/null && python3 -c "import boto3" 2>/dev/null; then
        registry_port=$(free_port)
        section "registry: push of a $registry_mib MiB image with skopeo"
        fresh --aws-listen "127.0.0.1:$registry_port"
        wait_port "$registry_port" 10
        echo '{"jsonrpc":"2.0","id":1,"method":"ecr.repository.create","params":{"name":"bench/big"}}' |
            socat - "UNIX-CONNECT:$dir/s.sock" >/dev/null
        python3 "$(dirname "$0")/make-oci-image.py" "$dir/layout" --tag v1 --layers 1 \
            --layer-bytes $((registry_mib << 20)) >/dev/null
        layer=$(ls -S "$dir"/layout/blobs/sha256/* | head -1)
        bytes=$(stat -c %s "$layer")
        password=$(AWS_ENDPOINT_URL="http://127.0.0.1:$registry_port" AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test \
            AWS_DEFAULT_REGION=us-east-1 AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null python3 -c '
import base64, boto3
token = boto3.client("ecr").get_authorization_token()["authorizationData"][0]["authorizationToken"]
print(base64.b64decode(token).decode().split(":", 1)[1])')
        kib() { awk -v name="$1:" '$1 == name { print $2 }' "/proc/$pid/status"; }
        idle_peak=$(kib VmHWM)
        begin=$(nanoseconds)
        REGISTRY_AUTH_FILE=/dev/null skopeo --insecure-policy copy --preserve-digests --dest-creds "AWS:$password" \
            --dest-tls-verify=false "oci:$dir/layout:v1" "docker://127.0.0.1:$registry_port/bench/big:v1" >/dev/null
        end=$(nanoseconds)
        push_peak=$(kib VmHWM)
        begin_dd=$(nanoseconds)
        dd if="$layer" of="$dir/data/dd-copy" bs=1M conv=fsync status=none
        end_dd=$(nanoseconds)
        rm -f "$dir/data/dd-copy"
        python3 - "$results" "$bytes" $((end - begin)) $((end_dd - begin_dd)) "$idle_peak" "$push_peak" <<'EOF'
import json, sys
path, size, push, dd = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
idle, peak = int(sys.argv[5]), int(sys.argv[6])
mb = size / 1e6
lines = [
    {"workload": "registry: skopeo push of a %d MiB one-layer image to /v2/" % (size >> 20), "value": mb / (push / 1e9),
     "unit": "MB/s", "seconds": push / 1e9, "note": "%.1f MB in %.2f s" % (mb, push / 1e9)},
    {"workload": "registry: dd of the same layer to the data directory's disk (conv=fsync)", "value": mb / (dd / 1e9),
     "unit": "MB/s", "seconds": dd / 1e9},
    {"workload": "registry: peak resident memory of netctld before the push (VmHWM)", "value": idle / 1024, "unit": "MB"},
    {"workload": "registry: peak resident memory of netctld after the push (VmHWM)", "value": peak / 1024, "unit": "MB",
     "note": "%+.1f MB over the idle peak while %.0f MB streamed through" % ((peak - idle) / 1024, mb)},
]
with open(path, "a", encoding="utf-8") as results:
    for line in lines:
        results.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
        print("%s: %.1f %s" % (line["workload"], line["value"], line["unit"]))
EOF
        rm -rf "$dir/layout"
        stop
    else
        echo "skopeo or boto3 is not installed (make aws-clients installs them): no registry push" >&2
    fi
fi

if wanted matrix; then
    section "matrix: reach.matrix over $matrix_instances instances"
    fresh
    bench --workload matrix --instances "$matrix_instances" --samples "$matrix_samples"
    stop
fi

if wanted topology; then
    section "topology: topology.migrate of a $topology_vpcs-VPC mesh"
    fresh
    bench --workload topology-migrate --vpcs "$topology_vpcs"
    stop
fi

if wanted hub; then
    section "hub: $hub_vpcs VPCs on one transit gateway, reach.analyze through it"
    fresh
    bench --workload hub-reach --clients 16 --vpcs "$hub_vpcs" --samples "$hub_samples"
    stop
fi

if wanted scale; then
    section "scale: $scale_vpcs VPCs, $scale_peerings peerings, $scale_instances instances per VPC"
    fresh
    bench --workload scale --clients 16 --vpcs "$scale_vpcs" --peerings "$scale_peerings" --samples "$scale_samples" \
        --pages "$scale_pages" --page-size 100 --instances-per-vpc "$scale_instances"

    section "restart"
    begin=$(nanoseconds)
    stop
    end=$(nanoseconds)
    seconds=$(awk -v d=$((end - begin)) 'BEGIN { printf "%.3f", d / 1e9 }')
    echo "restart: SIGTERM to exit: $seconds s"
    printf '{"workload":"restart: SIGTERM to exit","seconds":%s}\n' "$seconds" >>"$results"
    # netctld removes its socket on a clean stop, so the probe's first attempts find nothing to connect to.
    begin=$(nanoseconds)
    launch
    bench --workload ready --since-epoch-ns "$begin" --probe s0
    bench --workload memory --label "resident memory of netctld after restart"
    stop
fi

echo
echo "netctl-bench, $(date '+%F %R'), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"
"$bin/netctl-bench" --summary "$results"
echo "JSON lines: $results"
