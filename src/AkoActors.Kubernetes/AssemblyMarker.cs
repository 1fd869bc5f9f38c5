namespace AkoActors.Kubernetes;
