// Who is signed in (GET /api/v1/auth/me), for every screen under the sign-in. What the caller
// may do comes from the server (`me.may`); the app keeps no copy of the policy.
import { createContext, useContext } from 'react';
import type { Me } from '../auth/api';

export interface Session {
  me: Me;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('no session');
  return session;
}
