#!/usr/bin/env bash
# The Lint step of the composite Action (action.yml): one `governance-lint check` run
# that prints workflow commands (annotations) to standard output, writes SARIF to
# INPUT_SARIF_FILE (by default under RUNNER_TEMP; `none` writes none), appends a markdown summary to $GITHUB_STEP_SUMMARY, and exits with
# the linter's status. Inputs arrive only as environment variables (action.yml's
# `env:`), so no input is ever pasted into this script by GitHub's expression syntax.
set -uo pipefail

lint="${GOVERNANCE_LINT:-governance-lint}"
# --no-cache: a fresh checkout has nothing to reuse, and a pull request must not be able
# to bring its own cache entries
args=(check --no-cache --format github)
if [[ -n "${INPUT_CONFIG:-}" ]]; then args+=(--config "$INPUT_CONFIG"); fi
if [[ -n "${INPUT_FAIL_ON:-}" ]]; then args+=(--fail-on "$INPUT_FAIL_ON"); fi
if [[ -n "${INPUT_BASE:-}" ]]; then args+=(--base "$INPUT_BASE"); fi
# SARIF goes where the workflow said, by default under the runner's temporary folder:
# never a name in the checkout, which a pull request controls (it could commit that
# name as a link to this very script). A path with a symbolic link anywhere on it is
# refused; the linter itself replaces files by rename and never writes through a link,
# so even a path that names a file bash is reading leaves what bash reads untouched.
sarif="${INPUT_SARIF_FILE:-}"
if [[ -z "$sarif" ]]; then
  sarif="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/governance-lint.sarif"
elif [[ "$sarif" == none ]]; then
  sarif=""
fi
refused=""
if [[ -n "$sarif" ]]; then
  if [[ "$(realpath -m -- "$sarif")" != "$(realpath -m -s -- "$sarif")" ]]; then
    refused="cannot write $sarif: a symbolic link is on its path"
  elif [[ "$sarif" -ef "${BASH_SOURCE[0]}" ]]; then
    refused="cannot write $sarif: it is the script of this step"
  else
    mkdir -p -- "$(dirname -- "$sarif")" 2>/dev/null
    args+=(--format "sarif=$sarif")
  fi
fi

summary="$(mktemp "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/governance-lint-summary.XXXXXX")" || exit 2
trap 'rm -f "$summary"' EXIT
args+=(--format "markdown=$summary")

# Paths are separated by spaces or new lines; `--` keeps a path from reading as an option.
paths=()
if [[ -n "${INPUT_PATHS:-}" ]]; then
  read -r -d '' -a paths <<<"$INPUT_PATHS" || true
fi

if [[ -n "$refused" ]]; then
  printf 'governance-lint: error: %s\n' "${refused//[$'\r\n']/ }" >&2
  status=2
else
  "$lint" "${args[@]}" -- ${paths[@]+"${paths[@]}"}
  status=$?
fi

if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
  if [[ $status -le 1 && -s "$summary" ]]; then
    cat "$summary" >>"$GITHUB_STEP_SUMMARY"
  elif [[ $status -gt 1 ]]; then
    printf '## governance-lint\n\ngovernance-lint could not run (exit status %s); the log of this step says why.\n' \
      "$status" >>"$GITHUB_STEP_SUMMARY"
  fi
fi

if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
  written=""
  if [[ $status -le 1 && -n "$sarif" && "$sarif" != *$'\n'* ]]; then
    written="$sarif"
  fi
  printf 'exit-code=%s\nsarif-file=%s\n' "$status" "$written" >>"$GITHUB_OUTPUT"
fi
exit "$status"
