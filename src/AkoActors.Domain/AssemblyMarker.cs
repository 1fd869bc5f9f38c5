namespace AkoActors.Domain;
