namespace ContactRules.Registry;

/// <summary>The registry cannot be opened or used: unreachable, not a registry, or from a newer version.</summary>
public sealed class RegistryException : Exception
{
    public RegistryException(string message)
        : base(message)
    {
    }

    public RegistryException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public RegistryException()
    {
    }
}
