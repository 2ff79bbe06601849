#!/usr/bin/env python3
"""An OCI image layout for `make bench`'s registry push: one uncompressed tar layer holding MIB MiB
of random bytes (incompressible; skopeo sends it as it is), a config and a manifest tagged v1.

Usage: registry-bench-image.py DIRECTORY MIB. Prints the layer's blob path."""
import hashlib
import json
import os
import sys
import tarfile

root, mib = sys.argv[1], int(sys.argv[2])
blobs = root + "/blobs/sha256"
os.makedirs(blobs, exist_ok=True)


def put_bytes(data):
    digest = hashlib.sha256(data).hexdigest()
    with open(blobs + "/" + digest, "wb") as blob:
        blob.write(data)
    return "sha256:" + digest


def put_file(path):
    hasher = hashlib.sha256()
    with open(path, "rb") as source:
        for chunk in iter(lambda: source.read(1 << 20), b""):
            hasher.update(chunk)
    os.rename(path, blobs + "/" + hasher.hexdigest())
    return "sha256:" + hasher.hexdigest()


staging = root + "/layer.tar"
with tarfile.open(staging, "w") as tar:
    info = tarfile.TarInfo("random.bin")
    info.size = mib << 20
    with open("/dev/urandom", "rb") as source:
        tar.addfile(info, source)
size = os.path.getsize(staging)
layer = put_file(staging)
config = json.dumps(
    {"architecture": "amd64", "os": "linux", "rootfs": {"type": "layers", "diff_ids": [layer]}}).encode()
manifest = json.dumps({
    "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
    "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": put_bytes(config), "size": len(config)},
    "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": layer, "size": size}],
}).encode()
digest = put_bytes(manifest)
with open(root + "/index.json", "w") as index:
    json.dump({"schemaVersion": 2, "manifests": [{
        "mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": digest, "size": len(manifest),
        "annotations": {"org.opencontainers.image.ref.name": "v1"}}]}, index)
with open(root + "/oci-layout", "w") as layout:
    json.dump({"imageLayoutVersion": "1.0.0"}, layout)
print(blobs + "/" + layer[7:])
