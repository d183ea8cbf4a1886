#!/usr/bin/env bash
# Starts a throwaway registry (docker-registry, filesystem storage) on 127.0.0.1 and prints its address.
#   hack/registry.sh start DIR [PORT] [--tls] [--htpasswd USER:PASSWORD] [--host NAME]...
#       starts it in the background; writes DIR/pid, DIR/address (HOST:PORT, always 127.0.0.1:PORT), DIR/log (its
#       errors) and DIR/access.log (one line per HTTP request)
#   hack/registry.sh stop DIR
#       stops it (by the PID in DIR/pid) and removes DIR
#
# Plain by default (HTTP, anyone may pull and push). As registries are in clusters:
#   --tls         HTTPS with a server certificate signed by a CA made for this registry (openssl); the certificate
#                 names 127.0.0.1, localhost and every --host NAME. Writes, for clients:
#                   DIR/ca.crt                         the CA (PEM); the registry's key and the CA's key stay in DIR/private
#                   DIR/cert-dir/ca.crt                a folder holding only the CA: for build-runner's cert-dir setting
#                                                      (buildah --cert-dir) or skopeo --cert-dir / --*-cert-dir
#                   DIR/certs.d/HOST:PORT/ca.crt       the layout of /etc/containers/certs.d, one folder per name
#                                                      (127.0.0.1:PORT, localhost:PORT, NAME:PORT)
#   --htpasswd USER:PASSWORD
#                 basic authentication (docker-registry's auth.htpasswd, a bcrypt entry made with htpasswd -B).
#                 Writes DIR/user, DIR/password and DIR/auth.json (a .dockerconfigjson with an entry for every
#                 HOST:PORT above), all readable by anyone: they are test credentials.
#   --host NAME   one more name the certificate and auth.json cover (repeatable; resolving it is the caller's job)
# Client files are world-readable and DIR is searchable so a user-namespaced build (hack/sandbox.sh) can read them;
# keep DIR outside /tmp, /run and /var/tmp when a sandbox must see it (the sandbox covers those with tmpfs).
set -euo pipefail
usage() { echo "usage: registry.sh start DIR [PORT] [--tls] [--htpasswd USER:PASSWORD] [--host NAME]... | stop DIR" >&2; exit 2; }
cmd=${1:-}; dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || usage
shift 2
case "$cmd" in
  start)
    port=0 tls="" credentials="" hosts=()
    if [ $# -gt 0 ] && [[ $1 =~ ^[0-9]+$ ]]; then port=$1; shift; fi
    while [ $# -gt 0 ]; do
      case "$1" in
        --tls) tls=1; shift ;;
        --htpasswd) [ $# -ge 2 ] && [[ $2 == *:* ]] || usage; credentials=$2; shift 2 ;;
        --host) [ $# -ge 2 ] || usage; hosts+=("$2"); shift 2 ;;
        *) echo "registry.sh: unknown option $1" >&2; usage ;;
      esac
    done
    if [ "$port" = 0 ]; then
      # A free port: ask the kernel for one.
      port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
        || shuf -i 20000-40000 -n 1)
    fi
    mkdir -p "$dir/data"
    dir=$(cd "$dir" && pwd)
    chmod 755 "$dir"
    names=(127.0.0.1 localhost "${hosts[@]}")
    cat >"$dir/config.yml" <<CFG
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $dir/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
CFG
    if [ -n "$tls" ]; then
      mkdir -p "$dir/private" "$dir/cert-dir"; chmod 700 "$dir/private"
      san=""
      for name in "${names[@]}"; do
        if [[ $name =~ ^[0-9.]+$ || $name == *:* ]]; then san+="IP:$name,"; else san+="DNS:$name,"; fi
      done
      san=${san%,}
      openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=build-runner test CA $port" \
        -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
        -keyout "$dir/private/ca.key" -out "$dir/ca.crt" 2>/dev/null
      openssl req -new -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
        -keyout "$dir/private/server.key" -out "$dir/private/server.csr" 2>/dev/null
      printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' "$san" \
        >"$dir/private/server.ext"
      openssl x509 -req -in "$dir/private/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/private/ca.key" -CAcreateserial -CAserial "$dir/private/ca.srl" \
        -days 2 -extfile "$dir/private/server.ext" -out "$dir/private/server.crt" 2>/dev/null
      cp "$dir/ca.crt" "$dir/cert-dir/ca.crt"
      for name in "${names[@]}"; do
        mkdir -p "$dir/certs.d/$name:$port"; cp "$dir/ca.crt" "$dir/certs.d/$name:$port/ca.crt"
      done
      chmod -R a+rX "$dir/ca.crt" "$dir/cert-dir" "$dir/certs.d"
      cat >>"$dir/config.yml" <<CFG
  tls:
    certificate: $dir/private/server.crt
    key: $dir/private/server.key
CFG
    fi
    if [ -n "$credentials" ]; then
      user=${credentials%%:*} password=${credentials#*:}
      mkdir -p "$dir/private"; chmod 700 "$dir/private"
      htpasswd -Bbn "$user" "$password" >"$dir/private/htpasswd"
      printf '%s' "$user" >"$dir/user"; printf '%s' "$password" >"$dir/password"
      auth=$(printf '%s' "$credentials" | base64 -w0)
      entries=""
      for name in "${names[@]}"; do entries+="\"$name:$port\":{\"auth\":\"$auth\"},"; done
      printf '{"auths":{%s}}\n' "${entries%,}" >"$dir/auth.json"
      chmod 644 "$dir/user" "$dir/password" "$dir/auth.json"
      cat >>"$dir/config.yml" <<CFG
auth:
  htpasswd:
    realm: build-runner-test
    path: $dir/private/htpasswd
CFG
    fi
    # stdout is the access log (one line per request, whatever the log level); stderr the registry's own log.
    docker-registry serve "$dir/config.yml" >"$dir/access.log" 2>"$dir/log" &
    echo $! >"$dir/pid"
    for _ in $(seq 1 100); do
      if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "127.0.0.1:$port" >"$dir/address"; echo "127.0.0.1:$port"; exit 0
      fi
      kill -0 "$(cat "$dir/pid")" 2>/dev/null || break
      sleep 0.1
    done
    echo "registry.sh: the registry did not start:" >&2; cat "$dir/log" >&2; exit 1 ;;
  stop)
    if [ -f "$dir/pid" ]; then
      pid=$(cat "$dir/pid")
      kill "$pid" 2>/dev/null || true
      # Wait for it to let go of its port and files before the folder goes.
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -rf "$dir" ;;
  *) usage ;;
esac
