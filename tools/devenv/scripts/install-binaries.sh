#!/usr/bin/env bash
# Builds the development environment's servers and tools from Go modules into a cache outside the
# repository, one folder per tool and version, so a second run does nothing.
#   FERRY_CACHE_DIR  cache root (default: $XDG_CACHE_HOME/ferry or ~/.cache/ferry)
# Prints the bin directory on the last line of stdout.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../versions.env
source "$here/versions.env"

cache="${FERRY_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ferry}"
mkdir -p "$cache/bin" "$cache/build"
# One build at a time per cache: a second run (another checkout's tests) waits, then finds the binaries cached.
exec 9>"$cache/.install.lock"
flock 9
export GOFLAGS="-trimpath"
export CGO_ENABLED=0
# The checksum database this machine reaches has no entries for these two modules; the module proxy
# still serves them, so skip only their checksum lookup.
export GONOSUMDB="github.com/restic/restic,github.com/kopia/kopia"

log() { printf '[devenv] %s\n' "$*" >&2; }

# install_cached NAME VERSION BUILD_FUNCTION: runs the build only when the versioned binary is missing.
install_cached() {
  local name="$1" version="$2" build="$3"
  local target="$cache/bin/$name-$version"
  if [[ -x "$target" ]]; then
    log "$name $version: cached"
  else
    log "$name $version: building (this can take several minutes on a fresh machine)..."
    local started=$SECONDS
    "$build" "$version" "$target.tmp"
    mv "$target.tmp" "$target"
    log "$name $version: built in $((SECONDS - started))s"
  fi
  ln -sfn "$target" "$cache/bin/$name"
}

# go_build MODULE VERSION PACKAGE OUT [LDFLAGS]: builds a package of a module at a version, inside the
# downloaded module itself (`go install m@v` also asks the proxy for the module's version list, which
# the proxy here refuses for some modules).
go_build() {
  local dir
  dir="$(go mod download -json "$1@$2" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')"
  (cd "$dir" && go build -ldflags "-s -w ${5:-}" -o "$4" "$3")
}

build_nats() { go_build github.com/nats-io/nats-server/v2 "$1" . "$2"; }
build_restic() { go_build github.com/restic/restic "$1" ./cmd/restic "$2"; }
build_kopia() { go_build github.com/kopia/kopia "$1" . "$2"; }
build_minio() { go_build github.com/minio/minio "$1" . "$2"; }

# etcd's own module has replace lines, so it is built from a small wrapper module.
build_etcd() {
  local dir="$cache/build/etcd-$1"
  mkdir -p "$dir"
  cat > "$dir/main.go" <<'GO'
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
GO
  (cd "$dir" && rm -f go.mod go.sum && go mod init ferry.local/etcd >/dev/null 2>&1 \
    && go get "go.etcd.io/etcd/server/v3@$1" >/dev/null && go mod tidy >/dev/null \
    && go build -ldflags "-s -w" -o "$2" .)
}

# kube-apiserver: require k8s.io/kubernetes and pin every staging module it replaces locally to the
# matching published v0.X.Y release.
build_kube_apiserver() {
  local version="$1" dir="$cache/build/kube-apiserver-$1"
  local staging="v0.${version#v1.}"
  mkdir -p "$dir"
  local upstream_mod
  upstream_mod="$(cd "$dir" && go mod download -json "k8s.io/kubernetes@$version" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')"
  {
    echo "module ferry.local/kube-apiserver"
    echo
    echo "go 1.25"
    echo
    echo "require k8s.io/kubernetes $version"
    echo
    grep -oE '^\s*k8s\.io/[a-z0-9./-]+ => \./staging' "$upstream_mod" \
      | awk -v v="$staging" '{ print "replace " $1 " => " $1 " " v }'
  } > "$dir/go.mod"
  cat > "$dir/main.go" <<'GO'
package main

import (
	"os"

	"k8s.io/component-base/cli"
	"k8s.io/kubernetes/cmd/kube-apiserver/app"
)

func main() { os.Exit(cli.Run(app.NewAPIServerCommand())) }
GO
  (cd "$dir" && rm -f go.sum && go mod tidy >/dev/null \
    && go build -ldflags "-s -w -X k8s.io/component-base/version.gitVersion=$version" -o "$2" .)
}

# Jaeger v2 (the all-in-one trace store: OTLP receiver, in-memory storage, query API and UI) is a
# program with replace lines of its own, so it is built as a tool of a small wrapper module.
build_jaeger() {
  local dir="$cache/build/jaeger-$1"
  mkdir -p "$dir"
  (cd "$dir" && rm -f go.mod go.sum && go mod init ferry.local/jaeger >/dev/null 2>&1 \
    && go get -tool "github.com/jaegertracing/jaeger/cmd/jaeger@$1" >/dev/null \
    && go build -ldflags "-s -w" -o "$2" github.com/jaegertracing/jaeger/cmd/jaeger)
}

# The real velero CLI, for the conformance tests that read Ferry's backups and restores with it. Its
# module has replace lines, so it is built inside a copy of the module; the module proxy here refuses
# the k8s.io/cli-runtime patch release it pins (v0.33.12), so the next patch release stands in.
build_velero() {
  local dir="$cache/build/velero-$1" source
  source="$(go mod download -json "github.com/vmware-tanzu/velero@$1" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')"
  rm -rf "$dir" && cp -r "$source" "$dir" && chmod -R u+w "$dir"
  (cd "$dir" && go mod edit -replace k8s.io/cli-runtime=k8s.io/cli-runtime@v0.33.13 \
    && GOFLAGS="$GOFLAGS -mod=mod" go build \
      -ldflags "-s -w -X github.com/vmware-tanzu/velero/pkg/buildinfo.Version=$1" -o "$2" ./cmd/velero)
}

# Velero's AWS object-store plugin, which a real `velero server` of the interoperability tests loads.
build_velero_plugin_for_aws() {
  local dir="$cache/build/velero-plugin-for-aws-$1" source
  source="$(go mod download -json "github.com/vmware-tanzu/velero-plugin-for-aws@$1" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')"
  rm -rf "$dir" && cp -r "$source" "$dir" && chmod -R u+w "$dir"
  (cd "$dir" && GOFLAGS="$GOFLAGS -mod=mod" go build -ldflags "-s -w" -o "$2" ./velero-plugin-for-aws)
}

install_cached nats-server "$NATS_SERVER_VERSION" build_nats
install_cached etcd "$ETCD_VERSION" build_etcd
install_cached restic "$RESTIC_VERSION" build_restic
install_cached kopia "$KOPIA_VERSION" build_kopia
install_cached kube-apiserver "$KUBERNETES_VERSION" build_kube_apiserver
install_cached minio "$MINIO_VERSION" build_minio
install_cached jaeger "$JAEGER_VERSION" build_jaeger
install_cached velero "$VELERO_VERSION" build_velero
install_cached velero-plugin-for-aws "$VELERO_PLUGIN_FOR_AWS_VERSION" build_velero_plugin_for_aws
echo "$cache/bin"
