using PolicyLang.Runtime.Model;

namespace PolicyLang.Runtime.Stores;

/// <summary>
/// A failure the user must act on (missing variable, unreachable store, unsupported rule):
/// reported as a run error with its message, never with a stack trace or a secret value.
/// </summary>
public sealed class RunException : Exception
{
    /// <summary>Creates the exception with a user-facing message.</summary>
    public RunException(string message) : base(message) { }

    /// <summary>Creates the exception with a user-facing message and its cause.</summary>
    public RunException(string message, Exception inner) : base(message, inner) { }
}
