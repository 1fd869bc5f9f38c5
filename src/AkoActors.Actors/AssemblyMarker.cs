namespace AkoActors.Actors;
