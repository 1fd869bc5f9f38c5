using AkoActors.AviSim.Api;
using AkoActors.AviSim.Control;
using AkoActors.AviSim.Profiles;

namespace AkoActors.AviSim.Hosting;

/// <summary>Keeps one <see cref="ControllerInfo"/> per seeded profile, so a re-seed with another version is
/// reported while the cluster uuid stays stable within a profile.</summary>
internal sealed class ControllerInfoSource(TimeProvider time)
{
    private (SeedProfile Profile, ControllerInfo Info)? _current;

    public SimulatorControl? Control { get; set; }

    public ControllerInfo Get()
    {
        var profile = Control!.Profile;
        var current = _current;
        if (current is { } c && ReferenceEquals(c.Profile, profile))
        {
            return c.Info;
        }
        var info = new ControllerInfo(profile.ControllerVersion, profile.ControllerBuild, time.GetUtcNow());
        _current = (profile, info);
        return info;
    }
}
