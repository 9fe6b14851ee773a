#!/usr/bin/env bash
# check_domain_layers.sh SERVICE_DIR OBJECT_DIR LINK_FILE
# Fails when a service's domain library depends on more than the core: a
# link dependency other than gofast_core, or a project header outside the
# domain folder and shared/core/ in the compiler's dependency lists (the
# .o.d files of its objects), such as the service's http/, storage/,
# gateway/ or config headers.
set -euo pipefail
service_dir=$1 object_dir=$2 link_file=$3
source_dir=$(cd "$service_dir/.." && pwd)
status=0

for library in $(tr ';' ' ' <"$link_file"); do
  case "$library" in
    gofast_core | gofast_warnings) ;;
    *) echo "FAIL: $(basename "$service_dir")'s domain links $library (only gofast_core is allowed)"; status=1 ;;
  esac
done

shopt -s globstar nullglob
dep_files=("$object_dir"/**/*.o.d)
if [ ${#dep_files[@]} -eq 0 ]; then
  echo "FAIL: no dependency lists under $object_dir: build the domain library first"
  exit 1
fi
for dep_file in "${dep_files[@]}"; do
  # One path per word; the continuation backslashes and the target are not paths.
  for path in $(tr -s ' \\' '\n\n' <"$dep_file" | grep "^$source_dir/" | sort -u); do
    case "$path" in
      "$service_dir"/domain/* | "$source_dir"/shared/core/*) ;;
      *) echo "FAIL: ${dep_file##*/} depends on ${path#"$source_dir"/}"; status=1 ;;
    esac
  done
done
[ $status -eq 0 ] && echo "$(basename "$service_dir")'s domain depends on the core alone (${#dep_files[@]} objects)"
exit $status
