"""A session on screen: the controller that runs it, its screen, the pacer, volumes, the end screen."""
