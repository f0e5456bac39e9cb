#!/usr/bin/env bash
# Assemble a Java base image as a docker-save tarball WITHOUT any registry or Docker daemon, for Jib's tar:// base:
#   - a Java runtime made with jlink from a JDK on this machine (JDK 21+; the server is compiled for release 21)
#   - the shared libraries that runtime links against (glibc, zlib, ...), copied from this machine's Debian packages
#   - /etc/passwd and /etc/group with the non-root user 65532 ("nonroot"), /tmp (1777), nsswitch.conf
# Use it where eclipse-temurin:21-jre cannot be pulled (air-gapped builds, this dev machine):
#   tools/image/local-base.sh target/image-base/base.tar
#   ./mvnw -Pimage -pl server -am package -Dimage.base=tar://$PWD/target/image-base/base.tar
# For production prefer the maintained base (eclipse-temurin:21-jre, pinned by digest): it gets security updates.
set -euo pipefail

JDK=${JDK:-${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}}
OUT=${1:-target/image-base/base.tar}
MODULES_WANTED=(java.se jdk.unsupported jdk.management jdk.management.agent jdk.naming.dns jdk.crypto.cryptoki
  jdk.crypto.ec jdk.zipfs jdk.jfr jdk.net jdk.localedata jdk.charsets)

[[ -x "$JDK/bin/jlink" ]] || { echo "local-base: no jlink in $JDK (set JDK=...)" >&2; exit 2; }
available=$("$JDK/bin/java" --list-modules | sed 's/@.*//')
modules=()
for m in "${MODULES_WANTED[@]}"; do grep -qx "$m" <<<"$available" && modules+=("$m"); done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"
mkdir -p "$root/opt/java" "$root/etc" "$root/tmp" "$root/app" "$root/proc" "$root/dev" "$root/sys"
chmod 1777 "$root/tmp"

"$JDK/bin/jlink" --add-modules "$(IFS=,; echo "${modules[*]}")" --strip-debug --no-man-pages --no-header-files \
  --compress=zip-6 --output "$root/opt/java/openjdk"

# shared libraries of the runtime, with their real paths and the symlinks pointing at them; the GUI and sound
# libraries (X11, ALSA) are left out: a server never loads them (java.desktop stays for java.beans)
mapfile -t libs < <(find "$root/opt/java/openjdk" -type f \( -name '*.so' -o -path '*/bin/*' \) \
  ! -name libawt_xawt.so ! -name libjawt.so ! -name libsplashscreen.so ! -name libjsound.so -exec ldd {} \; 2>/dev/null \
  | awk '/=> \// {print $3} /^\t\/lib64\// {print $1}' | sort -u)
for lib in "${libs[@]}" /lib64/ld-linux-x86-64.so.2; do
  case "$lib" in "$root"*) continue ;; esac
  cp --parents -P "$lib" "$root/"
  real=$(readlink -f "$lib"); [[ "$real" != "$lib" ]] && cp --parents "$real" "$root/"
done
# Debian 12 is merged-/usr: /lib and /lib64 are symlinks into /usr
for d in lib lib64; do
  if [[ -L /$d ]]; then mkdir -p "$root/usr/$d"; cp -a "$root/$d/." "$root/usr/$d/" 2>/dev/null || true; rm -rf "${root:?}/$d"; ln -s "usr/$d" "$root/$d"; fi
done

cat > "$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin
PASSWD
cat > "$root/etc/group" <<'GROUP'
root:x:0:
nonroot:x:65532:
GROUP
echo 'hosts: files dns' > "$root/etc/nsswitch.conf"
mkdir -p "$root/home/nonroot" && chmod 755 "$root/home/nonroot"

python3 - "$root" "$OUT" <<'PY'
import hashlib, io, json, os, sys, tarfile
root, out = sys.argv[1], sys.argv[2]
os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
layer = io.BytesIO()
with tarfile.open(fileobj=layer, mode="w", format=tarfile.PAX_FORMAT) as t:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in [""] + sorted(filenames) + sorted(d for d in dirnames if os.path.islink(os.path.join(dirpath, d))):
            path = os.path.join(dirpath, name) if name else dirpath
            arc = os.path.relpath(path, root)
            if arc == ".":
                continue
            info = t.gettarinfo(path, arcname=arc)
            info.uid = info.gid = 0; info.uname = info.gname = ""; info.mtime = 0
            if arc == "home/nonroot":
                info.uid = info.gid = 65532
            if info.isreg():
                with open(path, "rb") as f:
                    t.addfile(info, f)
            else:
                t.addfile(info)
data = layer.getvalue()
diff_id = "sha256:" + hashlib.sha256(data).hexdigest()
config = {
    "architecture": "amd64", "os": "linux",
    "config": {"Env": ["PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                       "JAVA_HOME=/opt/java/openjdk", "LANG=C.UTF-8"],
               "User": "65532:65532", "WorkingDir": "/"},
    "rootfs": {"type": "layers", "diff_ids": [diff_id]},
    "history": [{"created_by": "tools/image/local-base.sh (jlink + Debian shared libraries)"}],
}
config_bytes = json.dumps(config, sort_keys=True).encode()
config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
manifest = [{"Config": config_name, "RepoTags": ["mcp-platform/local-base:latest"], "Layers": ["layer.tar"]}]
with tarfile.open(out, "w") as t:
    for name, payload in ((config_name, config_bytes), ("layer.tar", data), ("manifest.json", json.dumps(manifest).encode())):
        info = tarfile.TarInfo(name); info.size = len(payload); info.mtime = 0
        t.addfile(info, io.BytesIO(payload))
print(f"local-base: {out} ({os.path.getsize(out) // (1024*1024)} MiB, layer {diff_id[:19]})")
PY
