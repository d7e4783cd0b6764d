#!/usr/bin/env bash
# Compares the answers of two DNS servers for every name and type in a zone file (for example Mesos-DNS and
# Lodestar side by side during a migration). Record order and TTLs are ignored. Prints one line per difference
# and exits 1 when there are any.
#
#   docs/examples/compare-answers.sh ZONE_FILE SERVER_A[:PORT] SERVER_B[:PORT]
#   ./lodestar zone -config config.json > /tmp/zone && docs/examples/compare-answers.sh /tmp/zone 10.0.0.5 127.0.0.1:8053
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 ZONE_FILE SERVER_A[:PORT] SERVER_B[:PORT]" >&2; exit 2; }
zone=$1
split() { local s=$1; if [[ $s == *:* ]]; then echo "${s%:*} ${s##*:}"; else echo "$s 53"; fi; }
read -r host_a port_a <<<"$(split "$2")"
read -r host_b port_b <<<"$(split "$3")"
ask() { dig @"$1" -p "$2" +tries=2 +time=2 +noall +answer +nottlid "$3" "$4" | awk '{$1=tolower($1); print}' | sort; }
differences=0
while read -r name type; do
  a=$(ask "$host_a" "$port_a" "$name" "$type")
  b=$(ask "$host_b" "$port_b" "$name" "$type")
  if [ "$a" != "$b" ]; then
    differences=$((differences + 1))
    echo "DIFF $name $type"
    diff <(echo "$a") <(echo "$b") | sed 's/^/  /' || true
  fi
done < <(grep -v '^;' "$zone" | awk 'NF >= 5 && $4 != "SOA" {print $1, $4}' | sort -u)
echo "$differences difference(s)"
[ "$differences" -eq 0 ]
