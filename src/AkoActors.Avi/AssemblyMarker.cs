namespace AkoActors.Avi;
