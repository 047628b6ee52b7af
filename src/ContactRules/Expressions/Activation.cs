namespace ContactRules.Expressions;

/// <summary>
/// The values of an environment's variables for one evaluation, by slot. Cheap to create; not shared
/// between threads (a compiled program is, but each evaluation brings its own activation).
/// Unset variables evaluate to an error naming them.
/// </summary>
internal sealed class Activation
{
    private readonly CelEnvironment _environment;

    public Activation(CelEnvironment environment)
    {
        _environment = environment;
        Slots = new object?[environment.Variables.Length];
    }

    internal object?[] Slots { get; }

    /// <summary>
    /// What the evaluation's contextual functions read (see <see cref="Checking.FunctionOverload.Contextual"/>):
    /// state that varies per run, such as who owns which number, kept out of the compiled program.
    /// </summary>
    public object? Context { get; set; }

    /// <summary>Sets a declared variable; an undeclared name is ignored and returns false.</summary>
    public bool Set(string name, object value)
    {
        var slot = _environment.SlotOf(name);
        if (slot < 0)
        {
            return false;
        }
        Slots[slot] = value;
        return true;
    }

    /// <summary>Sets a variable by its slot (see <see cref="CelEnvironment.SlotOf"/>), for hot loops.</summary>
    public void Set(int slot, object value) => Slots[slot] = value;
}
