"""Change notifications (clusapi_py.events): EventKind and ClusterEvent
(types), NotificationPort (Cluster.notifications()), LiveView
(Cluster.live_view())."""
from .live import LiveView
from .port import NotificationPort
from .types import ClusterEvent, EventKind

__all__ = ["EventKind", "ClusterEvent", "NotificationPort", "LiveView"]
