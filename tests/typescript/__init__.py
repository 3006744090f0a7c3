"""Tests for bridge.typescript."""
