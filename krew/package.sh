#!/usr/bin/env bash
# Builds the krew release archive of kubectl-twister2 for one Rust target (the host's unless
# --target) and renders a krew manifest, from the template .krew.yaml, that points at every
# archive of this version in the output directory, with their sha256.
#
# usage: krew/package.sh [--target TRIPLE] [--binary FILE] [--version vX.Y.Z] [--out DIR]
#        krew/package.sh --render-only [--version vX.Y.Z] [--out DIR]
#
#   --target TRIPLE  Rust target to build for; decides the krew os/arch of the archive
#                    (x86_64/aarch64 × linux, apple-darwin, pc-windows). Default: the host.
#   --binary FILE    package this already-built kubectl-twister2 instead of running
#                    `cargo build --release` (the tests package their own build)
#   --version V      release version with its leading v (default: v + Cargo.toml's version)
#   --out DIR        where the archive and the manifest twister2.yaml go (default: krew/dist)
#   --render-only    build nothing: render DIR/twister2.yaml from the archives already in DIR
#
# The archive kubectl-twister2_<version>_<os>_<arch>.tar.gz holds, at its root, the plugin
# (kubectl-twister2[.exe]), the completion helper kubectl runs (kubectl_complete-twister2, or
# kubectl_complete-twister2.cmd on Windows) and LICENSE. Local test of the result:
#   kubectl krew install --manifest=krew/dist/twister2.yaml \
#     --archive=krew/dist/kubectl-twister2_<version>_<os>_<arch>.tar.gz
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target=""
binary=""
version=""
out="$root/krew/dist"
render_only=false

die() {
  printf 'package.sh: %s\n' "$*" >&2
  exit 1
}

while [ $# -gt 0 ]; do
  case "$1" in
    --target) [ $# -ge 2 ] || die "--target needs a value"; target="$2"; shift 2 ;;
    --binary) [ $# -ge 2 ] || die "--binary needs a value"; binary="$2"; shift 2 ;;
    --version) [ $# -ge 2 ] || die "--version needs a value"; version="$2"; shift 2 ;;
    --out) [ $# -ge 2 ] || die "--out needs a value"; out="$2"; shift 2 ;;
    --render-only) render_only=true; shift ;;
    -h|--help) sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done

if [ -z "$version" ]; then
  cargo_version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$root/Cargo.toml" | head -n 1)"
  [ -n "$cargo_version" ] || die "cannot read the version from $root/Cargo.toml"
  version="v$cargo_version"
fi
case "$version" in
  v[0-9]*.[0-9]*.[0-9]*) ;;
  *) die "version $version is not semver with a leading v (e.g. v1.2.3)" ;;
esac

mkdir -p "$out"
out="$(cd "$out" && pwd)"

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d ' ' -f 1
  else
    shasum -a 256 "$1" | cut -d ' ' -f 1
  fi
}

# Replace every literal occurrence of $2 in $1 by $3.
replace_all() {
  local text="$1" from="$2" to="$3" result=""
  while [[ "$text" == *"$from"* ]]; do
    result+="${text%%"$from"*}$to"
    text="${text#*"$from"}"
  done
  printf '%s' "$result$text"
}

# Render .krew.yaml into $out/twister2.yaml the way krew-release-bot does, keeping only the
# platforms whose archive is in $out.
render_manifest() {
  local template="$root/.krew.yaml" manifest="$out/twister2.yaml" tmp
  [ -f "$template" ] || die "template $template is missing"
  tmp="$(mktemp)"
  local in_platforms=false item="" keep=false kept=0 line rendered url file indent
  {
    printf '# Rendered by krew/package.sh from .krew.yaml for the archives in this directory.\n'
    while IFS= read -r line || [ -n "$line" ]; do
      case "$line" in
        '#'*) continue ;;
      esac
      rendered="$(replace_all "$line" '{{ .TagName }}' "$version")"
      if ! $in_platforms; then
        printf '%s\n' "$rendered"
        [ "$rendered" = "  platforms:" ] && in_platforms=true
        continue
      fi
      if [[ "$rendered" == "  - "* ]]; then
        if $keep; then printf '%s' "$item"; kept=$((kept + 1)); fi
        item=""
        keep=false
      fi
      if [[ "$rendered" == *'{{addURIAndSha "'* ]]; then
        url="${rendered#*\{\{addURIAndSha \"}"
        url="${url%%\"*}"
        file="$out/${url##*/}"
        indent="${rendered%%\{\{*}"
        if [ -f "$file" ]; then
          keep=true
          item+="${indent}uri: $url"$'\n'"${indent}sha256: $(sha256_of "$file")"$'\n'
        fi
        continue
      fi
      item+="$rendered"$'\n'
    done <"$template"
    if $keep; then printf '%s' "$item"; kept=$((kept + 1)); fi
    printf '# platforms: %s\n' "$kept"
  } >"$tmp"
  if ! grep -q '^# platforms: [1-9]' "$tmp"; then
    rm -f "$tmp"
    die "no archive of $version in $out (kubectl-twister2_${version}_<os>_<arch>.tar.gz)"
  fi
  sed '/^# platforms: /d' "$tmp" >"$manifest"
  rm -f "$tmp"
  printf 'manifest: %s\n' "$manifest"
}

if $render_only; then
  render_manifest
  exit 0
fi

host="$(rustc -vV 2>/dev/null | sed -n 's/^host: //p')" || true
build_target="${target:-$host}"
[ -n "$build_target" ] || die "cannot tell the host target (is rustc installed?); pass --target"
case "$build_target" in
  x86_64-*-linux-*) os=linux; arch=amd64 ;;
  aarch64-*-linux-*) os=linux; arch=arm64 ;;
  x86_64-apple-darwin) os=darwin; arch=amd64 ;;
  aarch64-apple-darwin) os=darwin; arch=arm64 ;;
  x86_64-pc-windows-*) os=windows; arch=amd64 ;;
  aarch64-pc-windows-*) os=windows; arch=arm64 ;;
  *) die "target $build_target has no krew platform (linux, darwin, windows × amd64, arm64)" ;;
esac
exe=""
helper="kubectl_complete-twister2"
if [ "$os" = windows ]; then
  exe=".exe"
  helper="kubectl_complete-twister2.cmd"
fi

if [ -z "$binary" ]; then
  if [ -n "$target" ]; then
    (cd "$root" && cargo build --release --locked --target "$target")
    binary="$root/target/$target/release/kubectl-twister2$exe"
  else
    (cd "$root" && cargo build --release --locked)
    binary="$root/target/release/kubectl-twister2$exe"
  fi
fi
[ -f "$binary" ] || die "binary $binary does not exist"
[ -f "$root/LICENSE" ] || die "$root/LICENSE is missing"

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
cp "$binary" "$stage/kubectl-twister2$exe"
chmod 0755 "$stage/kubectl-twister2$exe"
if [ "$os" = windows ]; then
  # kubectl looks the helper up with PATHEXT on Windows, so it must be a .cmd there.
  printf '@kubectl-twister2.exe __complete -- %%*\r\n' >"$stage/$helper"
else
  cp "$root/completions/kubectl_complete-twister2" "$stage/$helper"
  chmod 0755 "$stage/$helper"
fi
cp "$root/LICENSE" "$stage/LICENSE"
chmod 0644 "$stage/LICENSE"

archive="kubectl-twister2_${version}_${os}_${arch}.tar.gz"
tar -C "$stage" -cf - "kubectl-twister2$exe" "$helper" LICENSE | gzip -n >"$out/$archive"
printf 'archive: %s\nsha256: %s\n' "$out/$archive" "$(sha256_of "$out/$archive")"
render_manifest
