package vn.dvk.registration.registration;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.mongodb.repository.MongoRepository;

interface Registrations extends MongoRepository<Registration, String> {

    Page<Registration> findByUnitCode(String unitCode, Pageable pageable);
}
