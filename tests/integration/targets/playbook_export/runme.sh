#!/usr/bin/env bash
# playbooks/export.yml on the simulator. Its promise: a node configured by hand (the walkthrough's
# commands typed natively, plus a host group, an initiator with CHAP, explicit LUNs and LU
# properties), exported, then declared by the role with the exported files, gives changed=0 and runs
# no changing command. Likewise for an RSF-1 pair configured through stmfha. Also: an existing file is
# refused, named and left alone without export_force, overwritten with it; a CHAP secret becomes a
# commented vault line and a summary entry, and is nowhere in the files or the output.
set -euo pipefail

source ../setup_simulator/files/script.sh export
here=$(pwd)
# test values, never to appear in any output or file checked below
target_secret=target-secret-7f3a91
initiator_secret=initiator-secret-2b8c

inventory() {  # inventory DIR HOST... (hosts in group comstar_cluster)
  local dir=$1
  shift
  mkdir -p "$dir"
  {
    echo "all:"
    echo "  vars:"
    echo "    ansible_connection: local"
    echo "    ansible_python_interpreter: $COMSTAR_SIM_ROOT/bin/python-{{ inventory_hostname }}"
    echo "  children:"
    echo "    comstar_cluster:"
    echo "      hosts:"
    for host in "$@"; do echo "        $host:"; done
  } >"$dir/inventory.yml"
}

# Every host of an ansible-playbook log's recap with changed=0 and failed=0.
unchanged() {
  local log=$1
  shift
  for host in "$@"; do
    grep -Eq "^$host +: ok=[0-9]+ +changed=0 +unreachable=0 +failed=0" "$log" || fail "$host changed or failed: $(grep -E "^$host +:" "$log")"
  done
}

no_secret_in() {
  for path in "$@"; do
    if grep -rqF -e "$target_secret" -e "$initiator_secret" "$path"; then fail "a secret is shown in $path"; fi
  done
}

# ---- a standalone node, configured by hand -------------------------------------------------------
"$sim/simctl" init --nodes live01 --pool pool1=live01 --ready >/dev/null
printf '%s\n' "$target_secret" >"$work/target.secret"
printf '%s\n' "$initiator_secret" >"$work/initiator.secret"
chmod 600 "$work"/*.secret
on live01 zfs create -V 1G pool1/zvol1
on live01 itadm create-tpg TPG01 192.168.5.10:3260
on live01 itadm create-target -a chap -S "$work/target.secret" -l zvol1-iscsi -t TPG01
iqn=$(COMSTAR_SIM_NODE=live01 PATH="$COMSTAR_SIM_ROOT/nodes/live01/bin:$PATH" itadm list-target | awk 'NR == 2 { print $1 }')
on live01 stmfadm create-tg TG01
on live01 stmfadm offline-target "$iqn"
on live01 stmfadm add-tg-member -g TG01 "$iqn"
on live01 stmfadm online-target "$iqn"
on live01 stmfadm create-lu /dev/zvol/rdsk/pool1/zvol1
on live01 itadm create-initiator -u client01 -S "$work/initiator.secret" iqn.1991-05.com.microsoft:client01
on live01 stmfadm create-hg HG-WIN
on live01 stmfadm add-hg-member -g HG-WIN iqn.1991-05.com.microsoft:client01
on live01 zfs create -V 256M -b 16K pool1/db
on live01 stmfadm create-lu -p alias=db -p serial=DB01 -p wcd=true -p blk=4096 -p vid=ACME -p pid=FastDisk /dev/zvol/rdsk/pool1/db
guids=$(COMSTAR_SIM_NODE=live01 PATH="$COMSTAR_SIM_ROOT/nodes/live01/bin:$PATH" stmfadm list-lu -v | awk '/^LU Name/ { guid = $3 } /^ *Data File/ { print $4, guid }')
on live01 stmfadm add-view -t TG01 -n 0 "$(awk '$1 ~ /zvol1$/ { print $2 }' <<<"$guids")"
on live01 stmfadm add-view -h HG-WIN -t TG01 -n 5 "$(awk '$1 ~ /db$/ { print $2 }' <<<"$guids")"

out="$work/standalone"
inventory "$out" live01
ansible-playbook -i "$out/inventory.yml" "$coll/playbooks/export.yml" -e "export_dir=$out" >"$work/export1.log" \
  || { cat "$work/export1.log"; fail "export.yml on the standalone node"; }
vars="$out/host_vars/live01/comstar.yml"
test -f "$vars" || fail "no $vars"
test ! -e "$out/group_vars" || fail "group_vars written for a standalone node"
grep -qxF '    # chap_secret: "{{ vault_zvol1_iscsi_chap_secret }}"' "$vars" || fail "no vault line for the target"
grep -qxF '    # chap_secret: "{{ vault_iqn_1991_05_com_microsoft_client01_chap_secret }}"' "$vars" || fail "no vault line for the initiator"
grep -qF 'vault_zvol1_iscsi_chap_secret: target zvol1-iscsi' "$work/export1.log" || fail "the summary does not list the target's secret"
grep -qF 'vault_iqn_1991_05_com_microsoft_client01_chap_secret: initiator iqn.1991-05.com.microsoft:client01' "$work/export1.log" \
  || fail "the summary does not list the initiator's secret"
python - "$vars" "$iqn" <<'EOF'
import sys
import yaml
data = yaml.safe_load(open(sys.argv[1]))
iqn = sys.argv[2]
assert list(data) == ['comstar_tpgs', 'comstar_initiators', 'comstar_targets', 'comstar_host_groups',
                      'comstar_target_groups', 'comstar_pools', 'comstar_logical_units'], list(data)
assert data['comstar_pools'] == ['pool1']
assert data['comstar_initiators'] == [{'name': 'iqn.1991-05.com.microsoft:client01', 'chap_user': 'client01', 'update_secret': 'on_create'}]
assert data['comstar_targets'][0]['name'] == iqn and data['comstar_targets'][0]['alias'] == 'zvol1-iscsi'
db = [lu for lu in data['comstar_logical_units'] if lu['zvol'] == 'pool1/db'][0]
assert (db['alias'], db['serial'], db['block_size'], db['vendor_id'], db['write_cache']) == ('db', 'DB01', 4096, 'ACME', False), db
assert db['views'] == [{'host_group': 'HG-WIN', 'target_group': 'TG01', 'lun': 5}], db['views']
EOF

# an existing file is refused, named, and left as it was (export_force: the RSF-1 pair below)
echo "# edited by hand" >>"$vars"
edited=$(md5sum "$vars")
if ansible-playbook -i "$out/inventory.yml" "$coll/playbooks/export.yml" -e "export_dir=$out" >"$work/export2.log"; then
  fail "export.yml overwrote $vars without export_force"
fi
grep -qF 'host_vars/live01/comstar.yml already exists' "$work/export2.log" || { cat "$work/export2.log"; fail "the refusal does not name the file"; }
test "$(md5sum "$vars")" = "$edited" || fail "$vars changed although export_force was not given"

# the promise: the role with the exported files changes nothing and runs no changing command
mutations >/dev/null
ansible-playbook -i "$out/inventory.yml" "$here/apply.yml" >"$work/apply1.log" || { cat "$work/apply1.log"; fail "the role with the exported files"; }
unchanged "$work/apply1.log" live01
changes=$(mutations)
test -z "$changes" || fail "the role ran changing commands on the adopted node: $changes"
no_secret_in "$out" "$work"/*.log

# ---- an RSF-1 pair, configured by hand through stmfha ---------------------------------------------
"$sim/simctl" init --nodes live01,live02 --rsf1 --pool pool1=live01 --pool pool2=live02 --ready >/dev/null
"$sim/simctl" walkthrough --chap-secret "$target_secret" >/dev/null
on live02 stmfha create-initiator --chap-secret "$initiator_secret" iqn.1991-05.com.microsoft:client01
on live02 stmfha create-hg HG-WIN
on live02 stmfha add-hg-member -g HG-WIN iqn.1991-05.com.microsoft:client01
on live02 zfs create -V 256M pool2/db
on live02 stmfha create-lu -p alias=db -p serial=DB01 /dev/zvol/rdsk/pool2/db
guid=$(COMSTAR_SIM_NODE=live02 PATH="$COMSTAR_SIM_ROOT/nodes/live02/bin:$PATH" stmfadm list-lu -v | awk '/^LU Name/ { guid = $3 } /Data File.*db$/ { print guid }')
on live02 stmfha add-view -h HG-WIN -t TG01 -n 3 "$guid"

out="$work/rsf1"
inventory "$out" live01 live02
mkdir -p "$out/host_vars/live01"
echo "comstar_pools: [stale]" >"$out/host_vars/live01/comstar.yml"
ansible-playbook -i "$out/inventory.yml" "$coll/playbooks/export.yml" -e "export_dir=$out" -e export_force=true >"$work/export4.log" \
  || { cat "$work/export4.log"; fail "export.yml on the RSF-1 pair"; }
python - "$out" <<'EOF'
import os
import sys
import yaml
out = sys.argv[1]
group = yaml.safe_load(open(os.path.join(out, 'group_vars', 'comstar_cluster', 'comstar.yml')))
live01 = yaml.safe_load(open(os.path.join(out, 'host_vars', 'live01', 'comstar.yml')))
live02 = yaml.safe_load(open(os.path.join(out, 'host_vars', 'live02', 'comstar.yml')))
assert group['comstar_backend'] == 'rsf1' and 'comstar_logical_units' not in group, group
assert [item['alias'] for item in group['comstar_targets']] == ['zvol1-iscsi']
assert [item['name'] for item in group['comstar_host_groups']] == ['HG-WIN']
assert live01['comstar_pools'] == ['pool1'] and [lu['zvol'] for lu in live01['comstar_logical_units']] == ['pool1/zvol1'], live01
assert live02['comstar_pools'] == ['pool2'] and [lu['zvol'] for lu in live02['comstar_logical_units']] == ['pool2/db'], live02
assert live02['comstar_logical_units'][0]['views'] == [{'host_group': 'HG-WIN', 'target_group': 'TG01', 'lun': 3}]
assert set(live01) == set(live02) == {'comstar_pools', 'comstar_logical_units'}
EOF
grep -qxF '    # chap_secret: "{{ vault_zvol1_iscsi_chap_secret }}"' "$out/group_vars/comstar_cluster/comstar.yml" \
  || fail "no vault line for the cluster's target"
grep -qF 'group_vars/comstar_cluster/comstar.yml: the cluster-wide part of the RSF-1 cluster live01, live02' "$work/export4.log" \
  || fail "the summary does not say where the cluster-wide part went"

mutations >/dev/null
ansible-playbook -i "$out/inventory.yml" "$here/apply.yml" >"$work/apply2.log" || { cat "$work/apply2.log"; fail "the role on the RSF-1 pair"; }
unchanged "$work/apply2.log" live01 live02
changes=$(mutations)
test -z "$changes" || fail "the role ran changing commands on the adopted RSF-1 pair: $changes"


# nodes that differ in the cluster-wide part are not exported: the export names the section and writes nothing
on live02 itadm modify-target -l elsewhere "$(COMSTAR_SIM_NODE=live02 PATH="$COMSTAR_SIM_ROOT/nodes/live02/bin:$PATH" itadm list-target | awk 'NR == 2 { print $1 }')"
if ansible-playbook -i "$out/inventory.yml" "$coll/playbooks/export.yml" -e "export_dir=$work/differ" >"$work/export5.log"; then
  fail "export.yml exported an RSF-1 pair whose nodes differ"
fi
grep -qF 'The RSF-1 nodes differ in targets (live02 against live01)' "$work/export5.log" || { cat "$work/export5.log"; fail "the refusal does not name the section"; }
test ! -e "$work/differ" || fail "export.yml wrote files for an RSF-1 pair whose nodes differ"
no_secret_in "$out" "$work"/*.log
echo "playbook_export: all checks passed"
