"""The audio layer: decoding Kindly's sounds, mixing a session, playing it live."""
