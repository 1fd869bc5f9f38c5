#!/usr/bin/env python3
"""Builds kube-proto-schema.json: the protobuf field numbers of the Kubernetes kinds KubeSim serves.

kubectl 1.32's typed clients (kubectl create deployment/namespace/configmap/...) send request bodies as
application/vnd.kubernetes.protobuf, so KubeSim must read that wire format. This script reads the published
generated.proto files of k8s.io/api and k8s.io/apimachinery (checked out side by side) and writes, for every
message reachable from the served kinds, field number -> [json name, kind, type]. Run it again when adding a kind:

    python3 generate-schema.py <k8s.io/api checkout> <k8s.io/apimachinery checkout> > kube-proto-schema.json
"""
import json
import os
import re
import sys

ROOTS = [
    "k8s.io.api.core.v1.Namespace", "k8s.io.api.core.v1.Node", "k8s.io.api.core.v1.Service",
    "k8s.io.api.core.v1.Endpoints", "k8s.io.api.core.v1.Pod", "k8s.io.api.core.v1.Secret",
    "k8s.io.api.core.v1.ConfigMap", "k8s.io.api.core.v1.ServiceAccount", "k8s.io.api.core.v1.Event",
    "k8s.io.api.apps.v1.Deployment", "k8s.io.api.apps.v1.ReplicaSet",
    "k8s.io.api.discovery.v1.EndpointSlice", "k8s.io.api.networking.v1.Ingress",
    "k8s.io.api.networking.v1.IngressClass", "k8s.io.api.events.v1.Event", "k8s.io.api.coordination.v1.Lease",
    "k8s.io.api.authorization.v1.SelfSubjectAccessReview", "k8s.io.api.apps.v1.StatefulSet", "k8s.io.api.apps.v1.ControllerRevision",
    "k8s.io.api.rbac.v1.ClusterRole", "k8s.io.api.rbac.v1.ClusterRoleBinding", "k8s.io.api.rbac.v1.Role",
    "k8s.io.api.rbac.v1.RoleBinding", "k8s.io.api.policy.v1.PodDisruptionBudget",
    "k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions",
]
SCALARS = {"string", "int32", "int64", "bool", "bytes", "double", "float", "uint32", "uint64", "sint32", "sint64"}
FIELD = re.compile(r"^\s*(optional|repeated)?\s*(map<\s*([\w.]+)\s*,\s*([\w.]+)\s*>|[\w.]+)\s+(\w+)\s*=\s*(\d+)\s*;")


def parse(path):
    messages = {}
    package = None
    current = None
    with open(path) as f:
        for line in f:
            line = line.split("//")[0]
            m = re.match(r"^\s*package\s+([\w.]+)\s*;", line)
            if m:
                package = m.group(1)
                continue
            m = re.match(r"^\s*message\s+(\w+)\s*\{", line)
            if m:
                current = package + "." + m.group(1)
                messages[current] = {"package": package, "fields": []}
                continue
            if current and re.match(r"^\s*\}", line):
                current = None
                continue
            m = FIELD.match(line) if current else None
            if m:
                label, whole, key, value, name, number = m.groups()
                messages[current]["fields"].append((label or "optional", whole, key, value, name, int(number)))
    return messages


JSON_NAMES = {("k8s.io.api.networking.v1.IngressClassParametersReference", "aPIGroup"): "apiGroup"}


def resolve(type_name, package, messages):
    if type_name in SCALARS:
        return type_name
    name = type_name.lstrip(".")
    if name in messages:
        return name
    candidate = package + "." + name
    if candidate in messages:
        return candidate
    raise KeyError(f"{type_name} in {package}")


def main(api_root, machinery_root):
    messages = {}
    for root in (api_root, machinery_root):
        for directory, _, files in os.walk(root):
            for file in files:
                if file == "generated.proto":
                    messages.update(parse(os.path.join(directory, file)))
    schema = {}
    pending = list(ROOTS)
    while pending:
        message = pending.pop()
        if message in schema:
            continue
        spec = messages[message]
        fields = {}
        for label, whole, key, value, name, number in spec["fields"]:
            if whole.startswith("map<"):
                value_type = resolve(value, spec["package"], messages)
                fields[number] = [name, "map", value_type]
                if value_type not in SCALARS:
                    pending.append(value_type)
                continue
            type_name = resolve(whole, spec["package"], messages)
            # The proto field name is not always the JSON name (Go's json tag): IngressClassParametersReference's is aPIGroup.
            name = JSON_NAMES.get((message, name), name)
            fields[number] = [name, "repeated" if label == "repeated" else "single", type_name]
            if type_name not in SCALARS:
                pending.append(type_name)
        schema[message] = fields
    json.dump(dict(sorted(schema.items())), sys.stdout, separators=(",", ":"), sort_keys=False)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
