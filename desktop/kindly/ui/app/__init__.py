"""The app itself: start-up, the main window that holds the pages, one instance, the icons."""
