/** @module The signed-in user's profile. */
import { fetchProfile, type Profile } from "../data/profiles.ts";
import { useResource, type Resource } from "./use-resource.ts";
import { useSession } from "./use-session.tsx";

export function useProfile(): Resource<Profile> {
  const userId = useSession().user?.id;
  return useResource(userId ? `profile:${userId}` : null, () => fetchProfile(userId!));
}
