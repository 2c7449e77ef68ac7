package vn.dvk.registration.registration;

import org.springframework.data.mongodb.repository.MongoRepository;

interface Registrations extends MongoRepository<Registration, String> {
}
