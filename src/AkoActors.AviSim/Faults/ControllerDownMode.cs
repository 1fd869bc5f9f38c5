namespace AkoActors.AviSim.Faults;

/// <summary>The "controller down" switch: serving, answering 503, or dropping connections as a dead
/// controller behind a load balancer would.</summary>
public enum ControllerDownMode
{
    Up,
    ServiceUnavailable,
    ConnectionRefused,
}
