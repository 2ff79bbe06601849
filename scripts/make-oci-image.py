#!/usr/bin/env python3
"""Writes a small OCI image layout, without Docker or network, for pushing to netctld's registry
with skopeo (`skopeo copy oci:DIR:TAG docker://127.0.0.1:4566/REPO:TAG`).

    make-oci-image.py DIR [--tag v1] [--layers 2] [--layer-bytes N] [--message TEXT]

Each layer is a gzip'd tar holding one file (`/app/layer-N.txt`, or N random bytes with
--layer-bytes, which do not compress); the config names their diff IDs, the manifest their
digests. Prints the manifest's digest, which a registry must answer with after the push.
"""
import argparse
import gzip
import hashlib
import io
import json
import os
import tarfile


def write_blob(root, data):
    digest = hashlib.sha256(data).hexdigest()
    path = os.path.join(root, "blobs", "sha256", digest)
    with open(path, "wb") as handle:
        handle.write(data)
    return "sha256:" + digest


def layer(index, message, size):
    content = os.urandom(size) if size else f"{message} (layer {index})\n".encode()
    tar_bytes = io.BytesIO()
    with tarfile.open(fileobj=tar_bytes, mode="w", format=tarfile.PAX_FORMAT) as archive:
        info = tarfile.TarInfo(f"app/layer-{index}.txt")
        info.size = len(content)
        info.mtime = 0
        archive.addfile(info, io.BytesIO(content))
    uncompressed = tar_bytes.getvalue()
    # mtime=0: the same input gives the same digest on every run.
    return uncompressed, gzip.compress(uncompressed, compresslevel=1 if size else 9, mtime=0)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory")
    parser.add_argument("--tag", default="latest")
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--layer-bytes", type=int, default=0, help="random bytes per layer (default: a line of text)")
    parser.add_argument("--message", default="hello from netctl")
    arguments = parser.parse_args()

    root = arguments.directory
    os.makedirs(os.path.join(root, "blobs", "sha256"), exist_ok=True)
    layers, diff_ids = [], []
    for index in range(arguments.layers):
        uncompressed, compressed = layer(index, arguments.message, arguments.layer_bytes)
        diff_ids.append("sha256:" + hashlib.sha256(uncompressed).hexdigest())
        layers.append({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
                       "digest": write_blob(root, compressed), "size": len(compressed)})
    config = json.dumps({
        "architecture": "amd64", "os": "linux",
        "config": {"Cmd": ["/bin/sh", "-c", "cat /app/*.txt"], "Labels": {"message": arguments.message}},
        "rootfs": {"type": "layers", "diff_ids": diff_ids},
    }, sort_keys=True).encode()
    manifest = json.dumps({
        "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": write_blob(root, config),
                   "size": len(config)},
        "layers": layers,
    }, sort_keys=True).encode()
    manifest_digest = write_blob(root, manifest)
    index_path = os.path.join(root, "index.json")
    index = {"schemaVersion": 2, "manifests": []}
    if os.path.exists(index_path):
        with open(index_path) as handle:
            index = json.load(handle)
    index["manifests"] = [m for m in index["manifests"]
                          if m.get("annotations", {}).get("org.opencontainers.image.ref.name") != arguments.tag]
    index["manifests"].append({"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": manifest_digest,
                               "size": len(manifest),
                               "annotations": {"org.opencontainers.image.ref.name": arguments.tag}})
    with open(index_path, "w") as handle:
        json.dump(index, handle)
    with open(os.path.join(root, "oci-layout"), "w") as handle:
        json.dump({"imageLayoutVersion": "1.0.0"}, handle)
    print(manifest_digest)


if __name__ == "__main__":
    main()
