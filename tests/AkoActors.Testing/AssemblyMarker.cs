namespace AkoActors.Testing;
