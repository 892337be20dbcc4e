#ifndef C_PROCESS_H
#define C_PROCESS_H

/// Asks the kernel to send `signal` to this process when the thread that started it ends
/// (Linux `prctl(PR_SET_PDEATHSIG)`; a no-op returning 0 elsewhere). prctl is variadic in C,
/// which Swift cannot call: this shim is why the target exists.
int daftar_set_parent_death_signal(int signal);

#endif
