#!/usr/bin/env bash
# playbooks/plan.yml on the simulator: per node, the commands a run of the role would make, grouped by
# object, secrets masked (itadm's secret file by its placeholder, stmfha's secret value by stars), and
# nothing changed on any node; without --check it refuses to run.
set -euo pipefail

source ../setup_simulator/files/script.sh plan
# test values, never to appear in the output
target_secret=target-secret-7f3a91
new_secret=newcomer-secret-5d0e44
initiator_secret=initiator-secret-2b8c

expect() {  # expect LOG LINE...: each line is in the report, in this order
  local log=$1
  shift
  python - "$log" "$@" <<'EOF'
import sys
lines = [line.strip().rstrip(',') for line in open(sys.argv[1]).read().splitlines()]
at = 0
for wanted in sys.argv[2:]:
    quoted = '"%s"' % wanted
    assert quoted in lines[at:], 'missing or out of order: %s' % wanted
    at = lines.index(quoted, at) + 1
EOF
}

no_secret_in() {
  if grep -qF -e "$target_secret" -e "$new_secret" -e "$initiator_secret" "$@"; then fail "a secret is shown in $*"; fi
}

cat >"$work/inventory.yml" <<EOF
all:
  vars:
    ansible_connection: local
    ansible_python_interpreter: $COMSTAR_SIM_ROOT/bin/python-{{ inventory_hostname }}
  children:
    comstar_cluster:
      hosts:
        live01:
        live02:
EOF

# ---- the walkthrough's cluster, through stmfha, and what a newcomer would add ----------------------
"$sim/simctl" init --nodes live01,live02 --rsf1 --pool pool1=live01 --ready >/dev/null
"$sim/simctl" walkthrough --chap-secret "$target_secret" >/dev/null
cat >"$work/rsf1.yml" <<EOF
comstar_backend: rsf1
comstar_pools: [pool1]
comstar_tpgs: [{name: TPG01, portals: ["192.168.5.10:3260"]}]
comstar_targets:
  - alias: newcomer
    auth_method: chap
    chap_secret: $new_secret
    tpgs: [TPG01]
comstar_initiators:
  - name: iqn.1998-01.com.vmware:esx1
    chap_secret: $initiator_secret
comstar_target_groups: [{name: TG02, members: [newcomer]}]
comstar_logical_units:
  - zvol: pool1/newcomer
    size: 64M
    views: [{target_group: TG02, lun: 9}]
EOF
if ansible-playbook -i "$work/inventory.yml" "$coll/playbooks/plan.yml" -e "@$work/rsf1.yml" >"$work/plan0.log"; then
  fail "plan.yml ran without --check"
fi
grep -qF 'run it with --check' "$work/plan0.log" || { cat "$work/plan0.log"; fail "plan.yml does not say --check is needed"; }
mutations >/dev/null
ansible-playbook -i "$work/inventory.yml" "$coll/playbooks/plan.yml" --check -e "@$work/rsf1.yml" >"$work/plan1.log" \
  || { cat "$work/plan1.log"; fail "plan.yml on the RSF-1 pair"; }
# /opt/HAC/RSF-1/bin/stmfha does not exist here: stmfha is found on the node's PATH
stmfha="$COMSTAR_SIM_ROOT/nodes/live01/bin/stmfha"
expect "$work/plan1.log" \
  "live01: 9 command(s) (cluster-wide objects through stmfha, run from here, apply on every node)" \
  "  initiator iqn.1998-01.com.vmware:esx1" \
  "    $stmfha create-initiator -s '********' iqn.1998-01.com.vmware:esx1" \
  "  target newcomer" \
  "    $stmfha create-target --auth-method chap --chap-secret '********' --alias newcomer --tpg TPG01" \
  "    $stmfha offline-target newcomer" \
  "    $stmfha online-target newcomer" \
  "  target group TG02" \
  "    $stmfha create-tg TG02" \
  "    $stmfha add-tg-member --group-name TG02 newcomer" \
  "  logical unit pool1/newcomer" \
  "    zfs create -V 67108864 pool1/newcomer" \
  "    $stmfha create-lu /dev/zvol/rdsk/pool1/newcomer" \
  "    $stmfha add-view -t TG02 -n 9 pool1/newcomer" \
  "live02: nothing to change"
changes=$(mutations)
test -z "$changes" || fail "plan.yml changed the RSF-1 pair: $changes"

# ---- natively, on a node of its own: itadm's secret file ---------------------------------------------
"$sim/simctl" init --nodes live01 --pool pool1=live01 --ready >/dev/null
sed 's/^comstar_backend: rsf1$/comstar_backend: native/' "$work/rsf1.yml" >"$work/native.yml"
ansible-playbook -i "$work/inventory.yml" "$coll/playbooks/plan.yml" --check -e plan_hosts=live01 -e "@$work/native.yml" >"$work/plan2.log" \
  || { cat "$work/plan2.log"; fail "plan.yml on a native node"; }
expect "$work/plan2.log" \
  "live01: 10 command(s)" \
  "  target portal group TPG01" \
  "    itadm create-tpg TPG01 192.168.5.10:3260" \
  "  initiator iqn.1998-01.com.vmware:esx1" \
  "    itadm create-initiator -S '<secret-file>' iqn.1998-01.com.vmware:esx1" \
  "  target newcomer" \
  "    itadm create-target -a chap -S '<secret-file>' -l newcomer -t TPG01" \
  "    stmfadm offline-target newcomer" \
  "    stmfadm online-target newcomer" \
  "  target group TG02" \
  "    stmfadm create-tg TG02" \
  "    stmfadm add-tg-member -g TG02 newcomer" \
  "  logical unit pool1/newcomer" \
  "    zfs create -V 67108864 pool1/newcomer" \
  "    stmfadm create-lu /dev/zvol/rdsk/pool1/newcomer" \
  "    stmfadm add-view -t TG02 -n 9 pool1/newcomer"
changes=$(mutations)
test -z "$changes" || fail "plan.yml changed the node: $changes"
no_secret_in "$work"/*.log
echo "playbook_plan: all checks passed"
